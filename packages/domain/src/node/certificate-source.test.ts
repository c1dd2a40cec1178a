import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificateStatus } from '../certificate/types.js';
import { certificateStatuses } from '../certificate/types.js';
import type { SourceRecord } from './certificate-source.js';
import { pickCurrent, SourceUnavailableError } from './certificate-source.js';

const record = (certificateId: string, status: CertificateStatus, validFrom: string): SourceRecord => ({
  certificateId,
  version: 1,
  typeCode: '11330100T00000028K001',
  holder: { kind: 'organisation', id: '91330100MA2B3C4D5E' },
  issuerCode: '11330100T00000028K',
  fields: {},
  status,
  validFrom,
  validUntil: null,
});

describe('pickCurrent', () => {
  it('returns undefined for no records', () => {
    expect(pickCurrent([])).toBeUndefined();
  });

  it('returns the only record, whatever its status', () => {
    const r = record('A', 'revoked', '2020-01-01');
    expect(pickCurrent([r])).toBe(r);
  });

  it('prefers a valid record to any other, even a later one', () => {
    const valid = record('OLD', 'valid', '2015-01-01');
    const others = certificateStatuses
      .filter((s) => s !== 'valid')
      .map((s, i) => record(`NEW-${i}`, s, `2024-0${i + 1}-01`));
    expect(pickCurrent([...others, valid])).toBe(valid);
    expect(pickCurrent([valid, ...others])).toBe(valid);
  });

  it('among valid records, picks the latest validity start (a renewal before the one it replaced)', () => {
    const first = record('A', 'valid', '2018-03-01');
    const renewed = record('B', 'valid', '2023-03-01');
    const middle = record('C', 'valid', '2020-12-31');
    expect(pickCurrent([first, renewed, middle])).toBe(renewed);
    expect(pickCurrent([renewed, middle, first])).toBe(renewed);
  });

  it('without a valid record, picks the latest validity start among the others', () => {
    const a = record('A', 'expired', '2010-01-01');
    const b = record('B', 'revoked', '2019-06-30');
    const c = record('C', 'suspended', '2019-06-01');
    expect(pickCurrent([a, b, c])).toBe(b);
  });

  it('compares dates across months and years, not by day alone', () => {
    const dec = record('A', 'valid', '2019-12-31');
    const jan = record('B', 'valid', '2020-01-01');
    expect(pickCurrent([dec, jan])).toBe(jan);
    expect(pickCurrent([jan, dec])).toBe(jan);
  });

  it('keeps the first of records that tie', () => {
    const a = record('A', 'valid', '2020-01-01');
    const b = record('B', 'valid', '2020-01-01');
    expect(pickCurrent([a, b])).toBe(a);
    expect(pickCurrent([b, a])).toBe(b);
  });

  it('does not mutate or reorder its input', () => {
    const records = [
      record('A', 'expired', '2024-01-01'),
      record('B', 'valid', '2010-01-01'),
      record('C', 'valid', '2020-01-01'),
    ];
    const frozen = Object.freeze([...records]);
    const before = records.map((r) => r.certificateId);
    expect(pickCurrent(records)?.certificateId).toBe('C');
    expect(records.map((r) => r.certificateId)).toEqual(before);
    expect(pickCurrent(frozen)?.certificateId).toBe('C');
  });

  it('returns a member of the input that no other record beats (property)', () => {
    const dateArb = fc
      .record({
        y: fc.integer({ min: 1990, max: 2040 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const recordsArb = fc.array(
      fc.record({ status: fc.constantFrom(...certificateStatuses), validFrom: dateArb }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(recordsArb, (specs) => {
        const records = specs.map((s, i) => record(`R${i}`, s.status, s.validFrom));
        const snapshot = records.map((r) => r.certificateId);
        const picked = pickCurrent(records);
        expect(records.map((r) => r.certificateId)).toEqual(snapshot);
        if (records.length === 0) {
          expect(picked).toBeUndefined();
          return;
        }
        expect(picked).toBeDefined();
        expect(records).toContain(picked);
        const anyValid = records.some((r) => r.status === 'valid');
        if (anyValid) expect(picked?.status).toBe('valid');
        const pool = anyValid ? records.filter((r) => r.status === 'valid') : records;
        for (const r of pool) expect(r.validFrom <= (picked?.validFrom ?? '')).toBe(true);
      }),
      { seed: 4242, numRuns: 1000 },
    );
  });
});

describe('SourceUnavailableError', () => {
  it('is an Error with its own name', () => {
    const e = new SourceUnavailableError('upstream timed out');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SourceUnavailableError');
    expect(e.message).toBe('upstream timed out');
  });
});
