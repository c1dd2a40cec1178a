import type { DirectoryRepository, HealthSample } from '@tongban/domain';

interface Pending {
  successes: number;
  failures: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailure: string | null;
  consecutiveFailures: number;
  latencyMs: number | null;
}

/**
 * Tracks each node's and peer's health as the platform's calls see it (last success, failures,
 * latency) and writes it to the directory in batches, so a consult never waits on a health
 * UPDATE. Latency is an exponential moving average (α = 0.2) of answered calls.
 */
export class HealthTracker {
  readonly #pending = new Map<string, Pending>();
  readonly #consecutive = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: DirectoryRepository,
    flushEveryMs: number,
    private readonly onError: (e: unknown) => void,
  ) {
    this.#timer = setInterval(() => void this.flush(), flushEveryMs);
    this.#timer.unref();
  }

  record(entryId: string, ok: boolean, latencyMs: number, failure: string | null, at: Date): void {
    const p = this.#pending.get(entryId) ?? {
      successes: 0,
      failures: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastFailure: null,
      consecutiveFailures: 0,
      latencyMs: null,
    };
    if (ok) {
      p.successes++;
      p.lastSuccessAt = at;
      p.latencyMs = p.latencyMs === null ? latencyMs : p.latencyMs * 0.8 + latencyMs * 0.2;
      this.#consecutive.set(entryId, 0);
    } else {
      p.failures++;
      p.lastFailureAt = at;
      p.lastFailure = failure;
      this.#consecutive.set(entryId, (this.#consecutive.get(entryId) ?? 0) + 1);
    }
    p.consecutiveFailures = this.#consecutive.get(entryId) ?? 0;
    this.#pending.set(entryId, p);
  }

  /** Failures in a row right now, as this process saw them. */
  consecutiveFailures(entryId: string): number {
    return this.#consecutive.get(entryId) ?? 0;
  }

  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const samples: HealthSample[] = [...this.#pending].map(([entryId, p]) => ({ entryId, ...p }));
      this.#pending.clear();
      try {
        await this.repo.recordHealth(samples);
      } catch (e) {
        this.onError(e);
      }
    });
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
