import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import type { IdentifierErrorCode } from './identifier-check.js';
import {
  birthDateOfResidentId,
  makeResidentId,
  residentIdCheckCharacter,
  sexOfResidentId,
  validateResidentId,
} from './resident-id.js';

interface Vectors {
  residentId_GB11643: {
    valid: string[];
    invalid: { value: string; why: string }[];
    normalise: { input: string; output: string }[];
  };
}
const vectors = readVectors<Vectors>('identifiers').residentId_GB11643;

/** Each published reason maps to the code we must return; an unknown reason fails the test. */
const codeForWhy: Record<string, IdentifierErrorCode> = {
  'check character': 'CHECK_CHARACTER',
  'check character after a date edit': 'CHECK_CHARACTER',
  'month 13': 'DATE',
};

/** A number with a correct check character, so a rejection can only come from the part under test. */
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);

describe('validateResidentId against the published vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.valid.length).toBeGreaterThan(0);
    expect(vectors.invalid.length).toBeGreaterThan(0);
  });

  it.each(vectors.valid)('accepts %s', (id) => {
    expect(validateResidentId(id)).toEqual({ ok: true, value: id, warnings: [] });
  });

  it.each(vectors.invalid)('rejects $value ($why)', ({ value, why }) => {
    const result = validateResidentId(value);
    expect(codeForWhy[why], `no expected code for "${why}"`).toBeDefined();
    expect(result).toMatchObject({ ok: false, value, code: codeForWhy[why] });
  });

  it.each(vectors.normalise)('normalises $input before validating', ({ input, output }) => {
    expect(validateResidentId(input)).toMatchObject({ ok: true, value: output });
  });

  it.each(vectors.invalid)('never repeats the number in the reason ($why)', ({ value }) => {
    const result = validateResidentId(value);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).not.toContain(value.slice(0, 6));
      expect(result.reason).not.toContain(value.slice(6, 14));
    }
  });
});

describe('validateResidentId', () => {
  it('accepts full-width digits, a full-width x and spaces', () => {
    expect(validateResidentId('１１０１０５１９４９１２３１００２ｘ')).toEqual({
      ok: true,
      value: '11010519491231002X',
      warnings: [],
    });
    expect(validateResidentId(' 110105 19491231\u3000002x ')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('reports an empty or blank input as EMPTY', () => {
    expect(validateResidentId('')).toMatchObject({ ok: false, code: 'EMPTY', value: '' });
    expect(validateResidentId(' \u3000 ')).toMatchObject({ ok: false, code: 'EMPTY', value: '' });
  });

  it('reports a wrong length, including the old 15-digit numbers, as LENGTH', () => {
    expect(validateResidentId('110105491231002')).toMatchObject({ ok: false, code: 'LENGTH' });
    expect(validateResidentId('11010519491231002X0')).toMatchObject({ ok: false, code: 'LENGTH' });
  });

  it('reports letters anywhere but a final X as FORMAT', () => {
    expect(validateResidentId('11010519491231002A')).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(validateResidentId('1101051949123100X2')).toMatchObject({ ok: false, code: 'FORMAT' });
  });

  it('checks the birth date against the real calendar, leap years included', () => {
    expect(validateResidentId(withCheck('11010520000229001')).ok).toBe(true); // 2000 was a leap year
    expect(validateResidentId(withCheck('11010519000229001'))).toMatchObject({ ok: false, code: 'DATE' }); // 1900 was not
    expect(validateResidentId(withCheck('11010520230229001'))).toMatchObject({ ok: false, code: 'DATE' });
    expect(validateResidentId(withCheck('11010520240229001')).ok).toBe(true);
    expect(validateResidentId(withCheck('11010519490431001'))).toMatchObject({ ok: false, code: 'DATE' }); // April 31
    expect(validateResidentId(withCheck('11010519490100001'))).toMatchObject({ ok: false, code: 'DATE' }); // day 0
    expect(validateResidentId(withCheck('11010519490001001'))).toMatchObject({ ok: false, code: 'DATE' }); // month 0
  });

  it('accepts birth years 1800 to 2199 only', () => {
    expect(validateResidentId(withCheck('11010518000101001')).ok).toBe(true);
    expect(validateResidentId(withCheck('11010521991231001')).ok).toBe(true);
    expect(validateResidentId(withCheck('11010517991231001'))).toMatchObject({ ok: false, code: 'DATE' });
    expect(validateResidentId(withCheck('11010522000101001'))).toMatchObject({ ok: false, code: 'DATE' });
  });
});

describe('residentIdCheckCharacter', () => {
  it('gives the check character of every valid vector', () => {
    for (const id of vectors.valid) expect(residentIdCheckCharacter(id.slice(0, 17))).toBe(id.charAt(17));
  });

  it('needs exactly 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('11010519491231002X')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('sexOfResidentId and birthDateOfResidentId', () => {
  it('read the published vectors', () => {
    expect(sexOfResidentId('11010519491231002X')).toBe('female');
    expect(birthDateOfResidentId('11010519491231002X')).toBe('1949-12-31');
    expect(sexOfResidentId('440524188001010014')).toBe('male');
    expect(birthDateOfResidentId('440524188001010014')).toBe('1880-01-01');
    expect(sexOfResidentId('11010219840406970X')).toBe('female');
    expect(birthDateOfResidentId('44011320141005001X')).toBe('2014-10-05');
  });

  it('normalise their input', () => {
    expect(birthDateOfResidentId('１１０１０５１９４９１２３１００２ｘ')).toBe('1949-12-31');
  });

  it('refuse an invalid number without repeating it', () => {
    expect(() => sexOfResidentId('110105194912310021')).toThrow(RangeError);
    expect(() => birthDateOfResidentId('360426199113010079')).toThrow(RangeError);
    expect(() => sexOfResidentId('110105194912310021')).not.toThrow(/110105|19491231/);
  });
});

describe('makeResidentId', () => {
  it('rebuilds the published valid vectors from their parts', () => {
    for (const id of vectors.valid) {
      const made = makeResidentId({
        regionCode: id.slice(0, 6),
        birthDate: birthDateOfResidentId(id),
        sequence: Number(id.slice(14, 17)),
      });
      expect(made).toBe(id);
    }
  });

  it('pads the sequence and encodes the sex by its parity', () => {
    const man = makeResidentId({ regionCode: '110105', birthDate: '1990-03-07', sequence: 7 });
    expect(man.slice(14, 17)).toBe('007');
    expect(sexOfResidentId(man)).toBe('male');
    expect(
      sexOfResidentId(makeResidentId({ regionCode: '110105', birthDate: '1990-03-07', sequence: 0 })),
    ).toBe('female');
  });

  it('refuses malformed parts without repeating the birth date', () => {
    const ok = { regionCode: '110105', birthDate: '1990-03-07', sequence: 1 };
    expect(() => makeResidentId({ ...ok, regionCode: '11010' })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, regionCode: '11010A' })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, birthDate: '1990-02-30' })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, birthDate: '1990-02-30' })).not.toThrow(/1990/);
    expect(() => makeResidentId({ ...ok, birthDate: '19900307' })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, birthDate: '1799-12-31' })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, sequence: 1000 })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, sequence: -1 })).toThrow(RangeError);
    expect(() => makeResidentId({ ...ok, sequence: 1.5 })).toThrow(RangeError);
  });
});

describe('resident ID properties', () => {
  const parts = fc.record({
    regionCode: fc.stringMatching(/^[0-9]{6}$/),
    birthDate: fc
      .date({
        min: new Date(Date.UTC(1800, 0, 1)),
        max: new Date(Date.UTC(2199, 11, 31)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    sequence: fc.integer({ min: 0, max: 999 }),
  });

  it('makeResidentId always yields a valid number that reads back its parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = makeResidentId(p);
        expect(validateResidentId(id)).toEqual({ ok: true, value: id, warnings: [] });
        expect(birthDateOfResidentId(id)).toBe(p.birthDate);
        expect(sexOfResidentId(id)).toBe(p.sequence % 2 === 1 ? 'male' : 'female');
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('detects any single changed character', () => {
    const chars = '0123456789X';
    fc.assert(
      fc.property(parts, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 10 }), (p, position, shift) => {
        const id = makeResidentId(p);
        const replacement = chars.charAt((chars.indexOf(id.charAt(position)) + shift) % chars.length);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(changed).not.toBe(id);
        expect(validateResidentId(changed).ok).toBe(false);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
