interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (result: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: callers submit items concurrently, one writer takes whatever has queued up (at most
 * `maxBatch`) and writes it in one go, then the next lot. Under load a batch grows to what arrived
 * during the previous write, so one transaction (and one fsync) serves many callers; with a single
 * caller each item is its own batch, with no added delay.
 *
 * Fail-closed: a caller's promise resolves only after `write` has resolved for its batch (that is,
 * after COMMIT). When a write fails, its batch and everything queued behind it are rejected with
 * `failure(cause)`: callers waiting on a failing database learn it at once instead of piling up,
 * and the writer goes idle, so the next submission starts afresh.
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly maxBatch: number,
    private readonly failure: (cause: unknown) => unknown,
  ) {
    if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be at least 1');
  }

  /** Queues an item; resolves with its result once its batch is written, rejects if that fails. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.start();
    });
  }

  /** Items waiting for the writer (not counting the batch being written). */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves once everything submitted so far is settled. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private start(): void {
    if (this.running !== undefined) return;
    // Start on a microtask, not synchronously: callers that submit in the same tick (a loop of
    // appends, Promise.all) then share the first batch instead of the first item going alone.
    this.running = Promise.resolve()
      .then(() => this.drain())
      .finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.start();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let results: readonly O[];
      try {
        results = await this.write(batch.map((p) => p.item));
        if (results.length !== batch.length)
          throw new Error('the writer returned the wrong number of results');
      } catch (cause) {
        const error = this.failure(cause);
        for (const p of [...batch, ...this.queue.splice(0)]) p.reject(error);
        return;
      }
      batch.forEach((p, i) => p.resolve(results[i] as O));
    }
  }
}
