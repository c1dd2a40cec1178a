import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from '../errors.js';
import { assertStatusTransition, canChangeStatus, statusTransitions } from './status-transitions.js';
import type { CertificateStatus } from './types.js';
import { certificateStatuses } from './types.js';

/** The expected table, written out in full: row = from, column = to. */
const allowed: Record<CertificateStatus, Record<CertificateStatus, boolean>> = {
  valid: { valid: false, suspended: true, revoked: true, cancelled: true, expired: true, withdrawn: true },
  suspended: {
    valid: true,
    suspended: false,
    revoked: true,
    cancelled: true,
    expired: true,
    withdrawn: true,
  },
  revoked: {
    valid: false,
    suspended: false,
    revoked: false,
    cancelled: false,
    expired: false,
    withdrawn: false,
  },
  cancelled: {
    valid: false,
    suspended: false,
    revoked: false,
    cancelled: false,
    expired: false,
    withdrawn: false,
  },
  expired: {
    valid: false,
    suspended: false,
    revoked: false,
    cancelled: false,
    expired: false,
    withdrawn: false,
  },
  withdrawn: {
    valid: false,
    suspended: false,
    revoked: false,
    cancelled: false,
    expired: false,
    withdrawn: false,
  },
};

const pairs = certificateStatuses.flatMap((from) =>
  certificateStatuses.map((to) => [from, to, allowed[from][to]] as const),
);

describe('canChangeStatus', () => {
  it('covers all 36 pairs', () => {
    expect(pairs).toHaveLength(36);
    expect(Object.keys(statusTransitions).sort()).toEqual([...certificateStatuses].sort());
  });

  it.each(pairs)('%s → %s: %s', (from, to, expected) => {
    expect(canChangeStatus(from, to)).toBe(expected);
  });

  it('never allows a status to "change" to itself', () => {
    for (const s of certificateStatuses) expect(canChangeStatus(s, s)).toBe(false);
  });

  it('makes revoked, cancelled, expired and withdrawn final', () => {
    for (const from of ['revoked', 'cancelled', 'expired', 'withdrawn'] as const)
      for (const to of certificateStatuses) expect(canChangeStatus(from, to)).toBe(false);
  });

  it('lets a suspension be lifted', () => {
    expect(canChangeStatus('valid', 'suspended')).toBe(true);
    expect(canChangeStatus('suspended', 'valid')).toBe(true);
  });

  it('refuses a status that is not in the table rather than throwing', () => {
    expect(canChangeStatus('valid', 'active' as CertificateStatus)).toBe(false);
  });
});

describe('assertStatusTransition', () => {
  it.each(pairs.filter(([, , ok]) => ok))('%s → %s passes', (from, to) => {
    expect(() => assertStatusTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([, , ok]) => !ok))('%s → %s throws STATUS_TRANSITION_NOT_ALLOWED', (from, to) => {
    let thrown: unknown;
    try {
      assertStatusTransition(from, to);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(isDomainError(thrown)).toBe(true);
    const e = thrown as DomainError;
    expect(e.code).toBe('STATUS_TRANSITION_NOT_ALLOWED');
    expect(e.name).toBe('DomainError');
    expect(e.details).toEqual({ field: 'status', from, to });
    expect(e.message).toContain(from);
    expect(e.message).toContain(to);
  });
});
