import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import { organisationCodeCheckCharacter } from './organisation-code.js';

interface Vectors {
  creditCode_GB32100: { valid: string[] };
}
const creditCodes = readVectors<Vectors>('identifiers').creditCode_GB32100.valid;

describe('organisationCodeCheckCharacter (GB 11714)', () => {
  it.each(creditCodes)('gives the organisation check character (17th) embedded in %s', (code) => {
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code.charAt(16));
  });

  it("writes 10 as 'X' and 11 as '0'", () => {
    expect(organisationCodeCheckCharacter('71526726')).toBe('X'); // from 9144030071526726XG
    expect(organisationCodeCheckCharacter('00000000')).toBe('0'); // weighted sum 0 → 11 → '0'
  });

  it('counts letters by their base-36 value (A = 10 … Z = 35), not by credit-code alphabet position', () => {
    // 'M' is 22 in GB 11714; its credit-code alphabet position (21) would give '0' instead of '8'.
    expect(organisationCodeCheckCharacter('MB014302')).toBe('8');
  });

  it('needs exactly 8 characters of 0-9 and A-Z', () => {
    expect(() => organisationCodeCheckCharacter('6000373')).toThrow(RangeError);
    expect(() => organisationCodeCheckCharacter('600037341')).toThrow(RangeError);
    expect(() => organisationCodeCheckCharacter('mb014302')).toThrow(RangeError);
  });
});
