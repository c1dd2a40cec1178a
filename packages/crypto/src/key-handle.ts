import { inspect } from 'node:util';
import type { SignatureAlg } from './algorithms.js';

/**
 * Base of every object that holds key material. Whatever a careless log line does with it
 * (console.log, util.inspect, JSON.stringify, template strings, pino's serialisers), only the
 * algorithm and the key id come out. The secrets themselves live in #private fields, which no
 * enumeration, spread or structuredClone reaches.
 */
export abstract class KeyHandle {
  abstract readonly alg: SignatureAlg;
  abstract readonly kid: string;

  /** What util.inspect and console.log print. */
  [inspect.custom](): string {
    return this.toString();
  }

  /** What JSON.stringify writes. */
  toJSON(): { alg: SignatureAlg; kid: string } {
    return { alg: this.alg, kid: this.kid };
  }

  toString(): string {
    return `${this.constructor.name}(${this.alg} ${this.kid})`;
  }
}
