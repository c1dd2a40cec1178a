#!/usr/bin/env python3
"""An independent check of RFC 9162 proofs, written from the RFC's text (sections 2.1.3.2 and 2.1.4.2)
in another language than the log, with only the standard library.

Reads one JSON object on stdin:
  {"hashAlg": "sha-256",
   "inclusion": [{"leaf": hex, "index": n, "treeSize": n, "proof": [hex], "root": hex}, ...],
   "consistency": [{"from": n, "to": n, "oldRoot": hex, "newRoot": hex, "proof": [hex]}, ...]}
and prints {"inclusion": [true|false, ...], "consistency": [true|false, ...]}.
"""
import hashlib
import json
import sys


def h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def node(left: bytes, right: bytes) -> bytes:
    return h(b"\x01" + left + right)


def verify_inclusion(leaf_hash: bytes, index: int, size: int, proof: list, root: bytes) -> bool:
    # RFC 9162 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes, proof: list) -> bool:
    # RFC 9162 2.1.4.2
    if first == second:
        return not proof and first_hash == second_hash
    if first == 0 or first > second:
        return False
    if not proof:
        return False
    if first & (first - 1) == 0:  # a power of two: the old root is the first node of the path
        proof = [first_hash] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def main() -> None:
    req = json.load(sys.stdin)
    if req.get("hashAlg") != "sha-256":
        raise SystemExit("only sha-256 here")
    b = bytes.fromhex
    out = {
        "inclusion": [
            verify_inclusion(b(c["leaf"]), c["index"], c["treeSize"], [b(p) for p in c["proof"]], b(c["root"]))
            for c in req.get("inclusion", [])
        ],
        "consistency": [
            verify_consistency(c["from"], c["to"], b(c["oldRoot"]), b(c["newRoot"]), [b(p) for p in c["proof"]])
            for c in req.get("consistency", [])
        ],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
