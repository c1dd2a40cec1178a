import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import {
  canonicalJson,
  hashFromHex,
  hashToHex,
  isDomainError,
  leafHash,
  rootFromLeafHashes,
  treeHeadSigningInput,
  verifyConsistency,
  verifyInclusion,
  type AuditEntryInput,
  type AuditLog,
  type HashFn,
  type SignedTreeHead,
  type TreeHeadHashAlg,
  type TreeHeadSigner,
} from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** SHA-256 as the log's hash, from node:crypto. */
export const sha256Hash: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());

/** A software Ed25519 tree-head signer for tests, with its public key to check signatures. */
export function testTreeHeadSigner(kid: string): { signer: TreeHeadSigner; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signer: {
      kid,
      alg: 'EdDSA',
      sign: (data) => Promise.resolve(new Uint8Array(sign(null, data, privateKey))),
    },
    publicKey,
  };
}

/** True when `head` carries a valid signature of `publicKey` by the signer `kid` (log or witness). */
export function headSignedBy(
  head: SignedTreeHead,
  which: 'log' | 'witness',
  kid: string,
  publicKey: KeyObject,
): boolean {
  const sig = which === 'log' ? head.logSignature : head.witnessSignature;
  if (sig === undefined || sig.kid !== kid || sig.alg !== 'EdDSA') return false;
  return verify(null, treeHeadSigningInput(head), publicKey, Buffer.from(sig.signature, 'base64url'));
}

/** Everything an AuditLog implementation is opened with in the contract. */
export interface AuditLogContractOptions {
  readonly hash: HashFn;
  readonly hashAlg: TreeHeadHashAlg;
  readonly logSigner: TreeHeadSigner;
  readonly witness: TreeHeadSigner;
  readonly clock: () => Date;
  readonly headEvery: { readonly entries: number; readonly milliseconds: number };
}

/** The storage under test: opens (and reopens) logs over the same storage. */
export interface AuditLogFixture {
  /** A log over the fixture's storage, continuing whatever earlier logs wrote there. */
  open(options: AuditLogContractOptions): Promise<AuditLog>;
  /** How many write transactions were committed so far, if the implementation can tell. */
  batchCount?(): Promise<number>;
  /** Releases the storage (after the last log is closed). */
  close(): Promise<void>;
}

/** A fictional entry; `i` varies the request id, subject and details. */
export const contractEntry = (i: number): AuditEntryInput => ({
  operation: i % 3 === 0 ? 'consult.granted' : i % 3 === 1 ? 'consult.denied' : 'node.lookup',
  actor: `clerk:scjg-${String(i % 17).padStart(4, '0')}`,
  subject: i % 5 === 0 ? undefined : `holder:demo-${String(i % 97).padStart(4, '0')}`,
  purpose: { itemCode: '11330100MB0000001X4000119001', caseNo: `SFS-2025-${String(i).padStart(6, '0')}` },
  outcome: i % 3 === 1 ? 'POLICY_NOT_LISTED' : 'granted',
  requestId: `req-${i}`,
  details: { typeCode: 'YYZZ', fields: i % 4, explicit: i % 2 === 0, note: '营业执照' },
});

const rejectsWithCode = async (promise: Promise<unknown>, code: string): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDomainError(error) ? error.code : error).toBe(code);
};

/**
 * The behaviour every AuditLog must have, whatever stores it: consecutive indices under heavy
 * concurrency, canonical entries whose leaf hashes the caller can recompute, signed heads at the
 * cadence and on demand (one per size), inclusion and consistency proofs that the domain's
 * verifiers accept, and a reopened log that continues from its durable tip.
 */
export function auditLogContract(name: string, setup: () => Promise<AuditLogFixture>): void {
  describe(`AuditLog contract (${name})`, () => {
    const logKey = testTreeHeadSigner('log-key-1');
    const witnessKey = testTreeHeadSigner('witness-key-1');
    const hash = sha256Hash;
    // A fake clock one step before a month ends, 1 ms a reading: the log crosses into a new month.
    let now = Date.parse('2025-01-31T23:59:59.990Z');
    const options = (
      headEvery = { entries: 1_000_000, milliseconds: 3_600_000 },
    ): AuditLogContractOptions => ({
      hash,
      hashAlg: 'sha-256',
      logSigner: logKey.signer,
      witness: witnessKey.signer,
      clock: () => new Date(now++),
      headEvery,
    });
    const utf8 = new TextEncoder();
    /** The leaf hashes recomputed here from each stored entry's canonical JSON, by index. */
    const leaves: Uint8Array[] = [];
    const root = (size: number): string => hashToHex(rootFromLeafHashes(hash, leaves.slice(0, size)));
    const checkHead = (head: SignedTreeHead | undefined, size: number): void => {
      expect(head).toBeDefined();
      const h = head as SignedTreeHead;
      expect(h).toMatchObject({ treeSize: size, rootHash: root(size), hashAlg: 'sha-256' });
      expect(Number.isNaN(Date.parse(h.timestamp))).toBe(false);
      expect(headSignedBy(h, 'log', 'log-key-1', logKey.publicKey)).toBe(true);
      expect(headSignedBy(h, 'witness', 'witness-key-1', witnessKey.publicKey)).toBe(true);
    };
    /** Reads entries back and recomputes their leaves, checking each against what append returned. */
    const record = async (results: readonly { index: number; leafHash: string }[]): Promise<void> => {
      for (const r of [...results].sort((a, b) => a.index - b.index)) {
        expect(r.index).toBe(leaves.length);
        const entry = await log.findEntry(r.index);
        expect(entry?.index).toBe(r.index);
        const leaf = leafHash(hash, utf8.encode(canonicalJson(entry)));
        expect(hashToHex(leaf)).toBe(r.leafHash);
        leaves.push(leaf);
      }
    };

    let fixture: AuditLogFixture;
    let log: AuditLog;
    const reopen = async (headEvery?: { entries: number; milliseconds: number }): Promise<void> => {
      await log.close();
      log = await fixture.open(options(headEvery));
    };
    beforeAll(async () => {
      fixture = await setup();
      log = await fixture.open(options());
    });
    afterAll(async () => {
      await log?.close();
      await fixture?.close();
    });

    it('starts empty', async () => {
      expect(await log.size()).toBe(0);
      expect(await log.latestTreeHead()).toBeUndefined();
      expect(await log.findEntry(0)).toBeUndefined();
    });

    it('appends one by one with consecutive indices and stores each entry canonically', async () => {
      const results = [];
      for (let i = 0; i < 5; i++) {
        const r = await log.append(contractEntry(i));
        expect(r.index).toBe(i);
        results.push(r);
      }
      await record(results);
      const first = await log.findEntry(0);
      const { subject: _none, ...expected } = contractEntry(0);
      expect(first).toEqual({ ...expected, index: 0, time: first?.time });
      expect(first?.time).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/);
      expect(await log.size()).toBe(5);
    });

    it('refuses malformed entries without using up an index', async () => {
      const bad: [string, unknown][] = [
        ['undotted operation', { ...contractEntry(0), operation: 'consult' }],
        ['uppercase operation', { ...contractEntry(0), operation: 'Consult.Granted' }],
        ['nested details', { ...contractEntry(0), details: { inner: { a: 1 } } }],
        ['array in details', { ...contractEntry(0), details: { list: [1, 2] } }],
        ['overlong actor', { ...contractEntry(0), actor: 'x'.repeat(10_000) }],
        ['empty request id', { ...contractEntry(0), requestId: '' }],
      ];
      for (const [, entry] of bad)
        await rejectsWithCode(log.append(entry as AuditEntryInput), 'VALIDATION_FAILED');
      expect(await log.size()).toBe(5);
    });

    it('gives 2,000 concurrent appends distinct consecutive indices, in few transactions', async () => {
      const before = await fixture.batchCount?.();
      const results = await Promise.all(
        Array.from({ length: 2000 }, (_, i) => log.append(contractEntry(5 + i))),
      );
      expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 2000 }, (_, i) => 5 + i),
      );
      const after = await fixture.batchCount?.();
      if (before !== undefined && after !== undefined) expect(after - before).toBeLessThan(100);
      await record(results);
      expect(await log.size()).toBe(2005);
      // Entry times never go backwards along the indices.
      const times = await Promise.all(
        [0, 4, 5, 1000, 2004].map(async (i) => (await log.findEntry(i))?.time ?? ''),
      );
      expect([...times].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(times);
    });

    it('signs a tree head on demand, with the log key and the witness, once per size', async () => {
      const head = await log.signTreeHead();
      checkHead(head, 2005);
      expect(await log.latestTreeHead()).toEqual(head);
      expect(await log.findTreeHead(2005)).toEqual(head);
      expect(await log.findTreeHead(2004)).toBeUndefined();
      // Unchanged size: the same head, not a second one.
      expect(await log.signTreeHead()).toEqual(head);
    });

    it('proves inclusion for many (index, size) pairs', async () => {
      const sizes = [
        1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 300, 511, 512, 513, 768, 1000, 1023, 1024, 1025, 1536, 2004,
        2005,
      ];
      let checked = 0;
      for (const size of sizes) {
        const rootBytes = hashFromHex(root(size));
        const indices = new Set([0, 1, 255, 256, 257, size >> 1, size - 2, size - 1, Math.floor(size * 0.7)]);
        for (const index of indices) {
          if (index < 0 || index >= size) continue;
          const proof = (await log.inclusionProof(index, size)).map((h) => hashFromHex(h));
          const leaf = leaves[index] as Uint8Array;
          expect(verifyInclusion(hash, index, size, leaf, proof, rootBytes), `${index} in ${size}`).toBe(
            true,
          );
          const other = leaves[(index + 1) % size] as Uint8Array;
          if (size > 1) expect(verifyInclusion(hash, index, size, other, proof, rootBytes)).toBe(false);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(150);
    });

    it('proves consistency for many (old, new) pairs', async () => {
      const sizes = [1, 2, 3, 7, 8, 255, 256, 257, 511, 512, 513, 1000, 1024, 1025, 2005];
      let checked = 0;
      for (const oldSize of sizes)
        for (const newSize of sizes) {
          if (oldSize > newSize) continue;
          const proof = (await log.consistencyProof(oldSize, newSize)).map((h) => hashFromHex(h));
          const [oldRoot, newRoot] = [hashFromHex(root(oldSize)), hashFromHex(root(newSize))];
          expect(
            verifyConsistency(hash, oldSize, newSize, oldRoot, newRoot, proof),
            `${oldSize}→${newSize}`,
          ).toBe(true);
          checked++;
        }
      expect(checked).toBe((sizes.length * (sizes.length + 1)) / 2);
    });

    it('refuses proofs for trees it does not have', async () => {
      await rejectsWithCode(log.inclusionProof(0, 2006), 'VALIDATION_FAILED');
      await rejectsWithCode(log.inclusionProof(2005, 2005), 'VALIDATION_FAILED');
      await rejectsWithCode(log.inclusionProof(-1, 5), 'VALIDATION_FAILED');
      await rejectsWithCode(log.consistencyProof(5, 3), 'VALIDATION_FAILED');
      await rejectsWithCode(log.consistencyProof(1, 2006), 'VALIDATION_FAILED');
    });

    it('signs heads at the entry cadence, not before', async () => {
      await reopen({ entries: 10, milliseconds: 3_600_000 });
      const appendMany = async (n: number): Promise<void> => {
        const results = [];
        for (let i = 0; i < n; i++)
          results.push(await log.append(contractEntry(leaves.length + results.length)));
        await record(results);
      };
      await appendMany(10);
      await vi.waitFor(async () => expect((await log.latestTreeHead())?.treeSize).toBe(2015), {
        timeout: 5000,
      });
      checkHead(await log.findTreeHead(2015), 2015);
      await appendMany(9);
      await new Promise((r) => setTimeout(r, 200));
      expect((await log.latestTreeHead())?.treeSize).toBe(2015);
      await appendMany(1);
      await vi.waitFor(async () => expect((await log.latestTreeHead())?.treeSize).toBe(2025), {
        timeout: 5000,
      });
      checkHead(await log.latestTreeHead(), 2025);
    });

    it('signs heads at the time cadence, and never twice for one size', async () => {
      await reopen({ entries: 1_000_000, milliseconds: 100 });
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await log.append(contractEntry(leaves.length + i)));
      await record(results);
      await vi.waitFor(async () => expect((await log.latestTreeHead())?.treeSize).toBe(2028), {
        timeout: 5000,
      });
      const head = await log.latestTreeHead();
      checkHead(head, 2028);
      await new Promise((r) => setTimeout(r, 400)); // several more ticks, nothing new to sign
      expect(await log.latestTreeHead()).toEqual(head);
    });

    it('continues from the durable tip after reopening', async () => {
      const size = leaves.length;
      const before = root(size);
      await reopen();
      expect(await log.size()).toBe(size);
      expect((await log.signTreeHead()).rootHash).toBe(before);
      const r = await log.append(contractEntry(size));
      expect(r.index).toBe(size);
      await record([r]);
      const head = await log.signTreeHead();
      checkHead(head, size + 1);
      const proof = (await log.consistencyProof(size, size + 1)).map((h) => hashFromHex(h));
      expect(
        verifyConsistency(hash, size, size + 1, hashFromHex(before), hashFromHex(head.rootHash), proof),
      ).toBe(true);
    });

    it('refuses appends once closed', async () => {
      const size = await log.size();
      await log.close();
      await expect(log.append(contractEntry(0))).rejects.toThrow();
      log = await fixture.open(options());
      expect(await log.size()).toBe(size);
    });
  });
}
