import { describe, expect, it } from 'vitest';
import { treeHeadSigningInput, type TreeHead } from './tree-head.js';

const head: TreeHead = {
  treeSize: 8,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: '2025-03-01T09:30:00.000+08:00',
  hashAlg: 'sha-256',
};

describe('treeHeadSigningInput', () => {
  it('is the UTF-8 of the canonical JSON of exactly the four fields', () => {
    const withExtras = { signature: 'xyz', ...head, hashAlg: 'sha-256' as const };
    const expected =
      '{"hashAlg":"sha-256","rootHash":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",' +
      '"timestamp":"2025-03-01T09:30:00.000+08:00","treeSize":8}';
    expect(new TextDecoder().decode(treeHeadSigningInput(head))).toBe(expected);
    expect(treeHeadSigningInput(withExtras)).toEqual(treeHeadSigningInput(head));
  });

  it.each([
    [{ treeSize: -1 }, 'treeHead.treeSize'],
    [{ treeSize: 1.5 }, 'treeHead.treeSize'],
    [{ rootHash: head.rootHash.toUpperCase() }, 'treeHead.rootHash'],
    [{ rootHash: 'abcd' }, 'treeHead.rootHash'],
    [{ timestamp: '2025-03-01 09:30' }, 'treeHead.timestamp'],
    [{ timestamp: '2025-03-01T09:30:00' }, 'treeHead.timestamp'],
    [{ timestamp: '2025-13-45T09:30:00Z' }, 'treeHead.timestamp'],
    [{ hashAlg: 'md5' }, 'treeHead.hashAlg'],
  ])('refuses %o', (change, field) => {
    expect(() => treeHeadSigningInput({ ...head, ...change } as TreeHead)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field } }),
    );
  });
});
