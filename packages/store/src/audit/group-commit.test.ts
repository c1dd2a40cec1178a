import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer that records its batches and can be told to fail the next one. */
function recorder() {
  const batches: number[][] = [];
  let failNext = false;
  let total = 0;
  return {
    batches,
    failNext: () => {
      failNext = true;
    },
    write: async (items: readonly number[]): Promise<number[]> => {
      await new Promise((r) => setTimeout(r, 2));
      if (failNext) {
        failNext = false;
        throw new Error('database gone');
      }
      batches.push([...items]);
      const out = items.map((_, i) => total + i);
      total += items.length;
      return out;
    },
  };
}

const failure = (cause: unknown): Error => new Error('unavailable', { cause });

describe('GroupCommit', () => {
  it('writes what arrives together in one batch, up to maxBatch, in order', async () => {
    const w = recorder();
    const gc = new GroupCommit(w.write, 100, failure);
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => gc.submit(i)));
    expect(results).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(w.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(w.batches.flat()).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('gathers submissions made while a batch is being written into the next one', async () => {
    const w = recorder();
    const gc = new GroupCommit(w.write, 1000, failure);
    const first = gc.submit(0);
    await Promise.resolve(); // the writer has started on [0]
    await new Promise((r) => setTimeout(r, 0));
    const rest = Array.from({ length: 50 }, (_, i) => gc.submit(i + 1));
    await Promise.all([first, ...rest]);
    expect(w.batches.map((b) => b.length)).toEqual([1, 50]);
  });

  it('rejects the failed batch and everything queued behind it, then starts afresh', async () => {
    const w = recorder();
    const gc = new GroupCommit(w.write, 10, failure);
    w.failNext();
    const settled = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => gc.submit(i)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    const reason = (settled[24] as PromiseRejectedResult).reason as Error;
    expect(reason.message).toBe('unavailable');
    expect((reason.cause as Error).message).toBe('database gone');
    expect(w.batches).toEqual([]);
    expect(gc.queued).toBe(0);
    expect(await gc.submit(99)).toBe(0); // nothing was counted for the failed ones
  });

  it('reports idle only once everything submitted is settled', async () => {
    const w = recorder();
    const gc = new GroupCommit(w.write, 3, failure);
    const all = Array.from({ length: 7 }, (_, i) => gc.submit(i));
    await gc.idle();
    expect(w.batches.flat()).toHaveLength(7);
    await Promise.all(all);
    await gc.idle(); // and when nothing is pending
  });

  it('refuses a batch size below one', () => {
    expect(() => new GroupCommit(() => Promise.resolve([]), 0, failure)).toThrow(RangeError);
  });
});
