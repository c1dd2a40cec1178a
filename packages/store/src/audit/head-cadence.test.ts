import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeadCadence } from './head-cadence.js';

describe('HeadCadence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs after the given number of entries, counting from the last head', async () => {
    let size = 0;
    const sign = vi.fn(() => Promise.resolve(size));
    const cadence = new HeadCadence({ entries: 10, milliseconds: 60_000 }, sign, () => {}, 0);
    cadence.start();
    size = 9;
    cadence.afterCommit(9);
    expect(sign).not.toHaveBeenCalled();
    size = 12;
    cadence.afterCommit(12);
    expect(sign).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    size = 20;
    cadence.afterCommit(20); // 8 since the head at 12
    expect(sign).toHaveBeenCalledTimes(1);
    cadence.noteSigned(20); // signed on demand
    size = 29;
    cadence.afterCommit(29);
    expect(sign).toHaveBeenCalledTimes(1);
    await cadence.stop();
  });

  it('signs when the time is up, and the timer is re-armed after each head', async () => {
    const sign = vi.fn(() => Promise.resolve(5));
    const cadence = new HeadCadence({ entries: 1000, milliseconds: 100 }, sign, () => {}, 0);
    cadence.start();
    await vi.advanceTimersByTimeAsync(99);
    expect(sign).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sign).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(sign).toHaveBeenCalledTimes(3);
    await cadence.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sign).toHaveBeenCalledTimes(3);
  });

  it('reports a failed head and retries at the next trigger, not in a loop', async () => {
    const errors: unknown[] = [];
    const sign = vi.fn(() => Promise.reject(new Error('key store down')));
    const cadence = new HeadCadence({ entries: 1, milliseconds: 100 }, sign, (e) => errors.push(e), 0);
    cadence.start();
    cadence.afterCommit(5);
    await vi.advanceTimersByTimeAsync(0);
    expect(sign).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sign).toHaveBeenCalledTimes(2);
    await cadence.stop();
  });

  it('keeps the process free to exit, and refuses a nonsensical cadence', () => {
    const cadence = new HeadCadence(
      { entries: 1, milliseconds: 100 },
      () => Promise.resolve(0),
      () => {},
      0,
    );
    cadence.start();
    expect(vi.getTimerCount()).toBe(1);
    void cadence.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(
      () =>
        new HeadCadence(
          { entries: 0, milliseconds: 100 },
          () => Promise.resolve(0),
          () => {},
          0,
        ),
    ).toThrow(RangeError);
    expect(
      () =>
        new HeadCadence(
          { entries: 1, milliseconds: 1.5 },
          () => Promise.resolve(0),
          () => {},
          0,
        ),
    ).toThrow(RangeError);
  });
});
