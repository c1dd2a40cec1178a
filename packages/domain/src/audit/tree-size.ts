import { DomainError } from '../errors.js';

// Tree sizes and indices may exceed 2^32, where JavaScript's bitwise operators wrap; so everything
// here is plain arithmetic on safe integers instead of `>>` and `&`.

/** True when `n` is a safe integer ≥ 0, the only sizes and indices the log knows. */
export const isTreeCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Throws VALIDATION_FAILED unless `n` is a safe integer ≥ 0. */
export function assertTreeCount(n: number, field: string): void {
  if (!isTreeCount(n))
    throw new DomainError('VALIDATION_FAILED', 'must be a non-negative safe integer', { field });
}

/** The largest power of two strictly smaller than `n` (n ≥ 2): the `k` of RFC 9162 §2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when `n` (≥ 1) is an exact power of two. */
export function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m /= 2;
  return m === 1;
}

/** Least significant bit set, LSB(n) of RFC 9162 §2.1.3.2. */
export const lsb = (n: number): boolean => n % 2 === 1;

/** One right shift, n >> 1 without the 32-bit wrap. */
export const half = (n: number): number => Math.floor(n / 2);
