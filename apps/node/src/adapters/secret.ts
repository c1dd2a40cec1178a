const REDACTED = '[redacted]';

/**
 * A configuration value that must never be printed: a database URL with its password, an API token.
 * It prints as `[redacted]` through String(), JSON.stringify, util.inspect and template literals, so a
 * parsed adapter configuration can be logged whole without leaking; only {@link Secret.reveal} gives
 * the value, at the one place a driver needs it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself: pass it straight to the driver, never to a message or a log. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  // util.inspect (console.log, pino's fallbacks) looks this symbol up; a global symbol avoids importing node:util.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
