/** When tree heads are signed without being asked: after this many entries or this long, whichever first. */
export interface HeadEvery {
  readonly entries: number;
  readonly milliseconds: number;
}

/** The default cadence: a head per 1,000 entries, and at least one a minute while entries arrive. */
export const defaultHeadEvery: HeadEvery = { entries: 1000, milliseconds: 60_000 };

/** What made a head due: enough entries since the last head, or the time since it. */
export type HeadTrigger = 'entries' | 'time';

/**
 * Decides when a head may be due. It counts entries since the last signed size and keeps a timer,
 * re-armed after every head, that fires `milliseconds` after it; `sign` then looks at the log
 * itself (other processes sign heads too) and skips what is not due, so a quiet log gets no new
 * heads. The timer is unref()ed: a log left open never keeps the process alive. Signing runs one
 * at a time and never blocks appends.
 */
export class HeadCadence {
  private timer: NodeJS.Timeout | undefined;
  private signing: Promise<void> | undefined;
  private stopped = false;
  private latestSize = 0;

  constructor(
    private readonly every: HeadEvery,
    /** Signs the durable tip if a head is due; resolves with the latest signed size. */
    private readonly sign: (trigger: HeadTrigger) => Promise<number>,
    private readonly onError: (error: unknown) => void,
    private signedSize: number,
  ) {
    for (const [field, value] of Object.entries(every))
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`headEvery.${field} must be a positive integer`);
  }

  /** Starts the timer. */
  start(): void {
    this.arm();
  }

  /** Notes a head signed on demand, so the count starts again from it. */
  noteSigned(size: number): void {
    if (size > this.signedSize) this.signedSize = size;
  }

  /** Called after each committed batch with the new size. */
  afterCommit(size: number): void {
    if (size > this.latestSize) this.latestSize = size;
    if (size - this.signedSize >= this.every.entries) this.trigger('entries');
  }

  /** Stops the timer and waits for a head being signed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.signing;
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.trigger('time'), this.every.milliseconds);
    this.timer.unref();
  }

  private trigger(why: HeadTrigger): void {
    if (this.signing !== undefined || this.stopped) return;
    let again = false;
    this.signing = this.sign(why)
      .then(
        (size) => {
          this.noteSigned(size);
          // Entries committed while this head was being signed may make the next one due already.
          again = this.latestSize - this.signedSize >= this.every.entries;
        },
        // A failed head is retried at the next trigger (the timer or the next batch), not at once.
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        this.signing = undefined;
        this.arm();
        if (again) this.trigger('entries');
      });
  }
}
