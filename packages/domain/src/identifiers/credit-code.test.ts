import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import { creditCodeCheckCharacter, makeCreditCode, validateCreditCode } from './credit-code.js';
import type { IdentifierErrorCode } from './identifier-check.js';
import { organisationCodeCheckCharacter } from './organisation-code.js';

interface Vectors {
  creditCode_GB32100: { valid: string[]; invalid: { value: string; why: string }[] };
}
const vectors = readVectors<Vectors>('identifiers').creditCode_GB32100;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Each published reason maps to the code we must return; an unknown reason fails the test.
 *
 * 'A1110000600037341L' is published as "format: first character", but A is a real registration
 * authority (中央军委改革和编制办公室, military public institutions), so the first character is
 * fine and the code is rejected by its check character (A1110000600037341 needs K, not L). A first
 * character outside the authority list is pinned as FORMAT separately below.
 */
const codeForWhy: Record<string, IdentifierErrorCode> = {
  'check character': 'CHECK_CHARACTER',
  'format: first character': 'CHECK_CHARACTER',
  'letters I, O, Z, S, V are not in the alphabet': 'FORMAT',
};

/** A code with a correct 18th character, so a rejection can only come from the part under test. */
const withCheck = (first17: string): string => first17 + creditCodeCheckCharacter(first17);

describe('validateCreditCode against the published vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.valid.length).toBeGreaterThan(0);
    expect(vectors.invalid.length).toBeGreaterThan(0);
  });

  it.each(vectors.valid)('accepts %s strictly, organisation code included', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code, warnings: [] });
    expect(validateCreditCode(code, { lenientCheck: false })).toEqual({
      ok: true,
      value: code,
      warnings: [],
    });
  });

  it.each(vectors.invalid)('rejects $value ($why)', ({ value, why }) => {
    expect(codeForWhy[why], `no expected code for "${why}"`).toBeDefined();
    expect(validateCreditCode(value)).toMatchObject({ ok: false, value, code: codeForWhy[why] });
  });

  it.each(vectors.invalid)('never repeats the code in the reason ($why)', ({ value }) => {
    const result = validateCreditCode(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(value.slice(8, 17));
  });

  it('rejects a first character that is no registration authority as FORMAT', () => {
    expect(validateCreditCode(withCheck('B1110000600037341'))).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(validateCreditCode(withCheck('01110000600037341'))).toMatchObject({ ok: false, code: 'FORMAT' });
  });

  it('accepts the authorities assigned after 2015 (A military, N agriculture)', () => {
    expect(validateCreditCode(withCheck('A1110000600037341')).ok).toBe(true);
    expect(validateCreditCode(withCheck('N2110000600037341')).ok).toBe(true);
  });
});

describe('validateCreditCode', () => {
  it('accepts full-width characters, spaces and lower case', () => {
    expect(validateCreditCode('９１１１００００６０００３７３４１ｌ')).toEqual({
      ok: true,
      value: '91110000600037341L',
      warnings: [],
    });
    expect(validateCreditCode(' 9111 0000 6000 3734 1l ')).toMatchObject({
      ok: true,
      value: '91110000600037341L',
    });
  });

  it('reports EMPTY and LENGTH', () => {
    expect(validateCreditCode(' ')).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(validateCreditCode('91110000600037341')).toMatchObject({ ok: false, code: 'LENGTH' });
    expect(validateCreditCode('91110000600037341L0')).toMatchObject({ ok: false, code: 'LENGTH' });
  });

  it('reports a non-digit region code as FORMAT', () => {
    expect(validateCreditCode(withCheck('911A0000600037341'))).toMatchObject({ ok: false, code: 'FORMAT' });
  });

  it('reports a wrong organisation check character (17th) as ORGANISATION_CODE, even when lenient', () => {
    expect(organisationCodeCheckCharacter('60003734')).toBe('1');
    const code = withCheck('91110000600037342');
    expect(validateCreditCode(code)).toMatchObject({ ok: false, code: 'ORGANISATION_CODE' });
    expect(validateCreditCode(code, { lenientCheck: true })).toMatchObject({
      ok: false,
      code: 'ORGANISATION_CODE',
    });
    expect(validateCreditCode(withCheck('91110000600037341'.slice(0, 16) + 'A'))).toMatchObject({
      code: 'ORGANISATION_CODE',
    });
  });

  it("accepts the GB 11714 check characters 'X' (10) and '0' (11)", () => {
    expect(validateCreditCode('9144030071526726XG').ok).toBe(true);
    expect(validateCreditCode(withCheck('91110000000000000')).ok).toBe(true);
  });

  describe('lenient check', () => {
    it('accepts a wrong 18th character with a warning', () => {
      expect(validateCreditCode('91110000600037341N', { lenientCheck: true })).toEqual({
        ok: true,
        value: '91110000600037341N',
        warnings: ['CHECK_CHARACTER_MISMATCH'],
      });
    });

    it('gives no warning for a correct code', () => {
      expect(validateCreditCode('91110000600037341L', { lenientCheck: true })).toEqual({
        ok: true,
        value: '91110000600037341L',
        warnings: [],
      });
    });

    it('still rejects format errors', () => {
      expect(validateCreditCode('9111000060003IOZSV', { lenientCheck: true })).toMatchObject({
        code: 'FORMAT',
      });
    });
  });
});

describe('creditCodeCheckCharacter', () => {
  it('gives the check character of every valid vector', () => {
    for (const code of vectors.valid)
      expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('needs exactly 17 characters of the credit-code alphabet', () => {
    expect(() => creditCodeCheckCharacter('9111000060003734')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('9111000060003734I')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('9111000060003734l')).toThrow(RangeError);
  });
});

describe('makeCreditCode', () => {
  it('rebuilds every published valid vector from its parts', () => {
    for (const code of vectors.valid) {
      const made = makeCreditCode({
        registrationAuthority: code.charAt(0),
        category: code.charAt(1),
        regionCode: code.slice(2, 8),
        organisationBody: code.slice(8, 16),
      });
      expect(made).toBe(code);
    }
  });

  it('refuses malformed parts', () => {
    const ok = {
      registrationAuthority: '9',
      category: '1',
      regionCode: '110000',
      organisationBody: '60003734',
    };
    expect(makeCreditCode(ok)).toBe('91110000600037341L');
    expect(() => makeCreditCode({ ...ok, registrationAuthority: 'B' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, registrationAuthority: '91' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, category: 'I' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, regionCode: '11000' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, organisationBody: '6000373O' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, organisationBody: '6000373' })).toThrow(RangeError);
  });
});

describe('credit code properties', () => {
  const alphabetChar = fc.constantFrom(...ALPHABET);
  const parts = fc.record({
    registrationAuthority: fc.constantFrom(...'123456789ANY'),
    category: alphabetChar,
    regionCode: fc.stringMatching(/^[0-9]{6}$/),
    organisationBody: fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{8}$/),
  });

  it('makeCreditCode always yields a code that validates strictly', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const code = makeCreditCode(p);
        expect(validateCreditCode(code)).toEqual({ ok: true, value: code, warnings: [] });
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('detects any single changed character (strict mode)', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 30 }), (p, position, shift) => {
        const code = makeCreditCode(p);
        const replacement = ALPHABET.charAt(
          (ALPHABET.indexOf(code.charAt(position)) + shift) % ALPHABET.length,
        );
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(changed).not.toBe(code);
        expect(validateCreditCode(changed).ok).toBe(false);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
