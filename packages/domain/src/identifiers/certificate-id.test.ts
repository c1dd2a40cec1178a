import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import { makeCertificateId, parseCertificateId, validateCertificateId } from './certificate-id.js';
import { makeCreditCode } from './credit-code.js';

interface Vectors {
  certificateIdentifier_GBT36904: { valid: string[]; certificateTypeCodes: Record<string, string> };
}
const vectors = readVectors<Vectors>('identifiers').certificateIdentifier_GBT36904;
const typeCodes = Object.keys(vectors.certificateTypeCodes).filter((k) => k !== 'about');

const FIRST = '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F';
const SECOND = '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Replaces one dot-separated part, counted from the start: 5 type code, 6 issuer, 7 serial, 8 version, 9 check. */
const replacePart = (id: string, index: number, part: string): string => {
  const parts = id.split('.');
  parts[index] = part;
  return parts.join('.');
};

describe('validateCertificateId against the published vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.valid).toEqual(expect.arrayContaining([FIRST, SECOND]));
    expect(typeCodes.length).toBeGreaterThan(0);
  });

  it.each(vectors.valid)('accepts %s', (id) => {
    expect(validateCertificateId(id)).toEqual({ ok: true, value: id, warnings: [] });
  });

  it.each(typeCodes)('accepts the published type code %s inside an identifier', (typeCode) => {
    const id = makeCertificateId({ typeCode, issuerCode: '11220000013544541J', serial: '1', version: 1 });
    expect(validateCertificateId(id)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('validateCertificateId', () => {
  it('accepts full-width characters, spaces and lower case', () => {
    const fullWidth = [...FIRST].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(validateCertificateId(fullWidth)).toEqual({ ok: true, value: FIRST, warnings: [] });
    expect(validateCertificateId(` ${SECOND.toLowerCase()}\u3000`)).toEqual({
      ok: true,
      value: SECOND,
      warnings: [],
    });
  });

  it('reports a wrong check character as CHECK_CHARACTER', () => {
    expect(validateCertificateId(replacePart(FIRST, 9, 'G'))).toMatchObject({
      ok: false,
      code: 'CHECK_CHARACTER',
    });
    expect(validateCertificateId(replacePart(FIRST, 7, '2430598'))).toMatchObject({
      ok: false,
      code: 'CHECK_CHARACTER',
    });
  });

  it('reports EMPTY, a wrong prefix and a wrong number of parts', () => {
    expect(validateCertificateId('')).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(validateCertificateId(FIRST.replace('1.2.156.3005.2.', '1.2.156.3005.3.'))).toMatchObject({
      code: 'FORMAT',
    });
    expect(validateCertificateId(FIRST.slice(0, -2))).toMatchObject({ code: 'FORMAT' });
    expect(validateCertificateId(`${FIRST}.0`)).toMatchObject({ code: 'FORMAT' });
  });

  it('checks the type code: 21 characters, a credit code then 3 digits', () => {
    expect(validateCertificateId(replacePart(FIRST, 5, '11100000000013338W03'))).toMatchObject({
      code: 'LENGTH',
    });
    expect(validateCertificateId(replacePart(FIRST, 5, '11100000000013338W0A2'))).toMatchObject({
      code: 'FORMAT',
    });
    expect(validateCertificateId(replacePart(FIRST, 5, 'B1100000000013338W032'))).toMatchObject({
      code: 'FORMAT',
    });
  });

  it('checks the issuer code like a credit code', () => {
    expect(validateCertificateId(replacePart(FIRST, 6, '11220000013544541'))).toMatchObject({
      code: 'LENGTH',
    });
    expect(validateCertificateId(replacePart(FIRST, 6, '1122000001354454IJ'))).toMatchObject({
      code: 'FORMAT',
    });
  });

  it('checks the serial, the version and the shape of the check character', () => {
    expect(validateCertificateId(replacePart(FIRST, 7, ''))).toMatchObject({ code: 'FORMAT' });
    expect(validateCertificateId(replacePart(FIRST, 8, '01'))).toMatchObject({ code: 'FORMAT' });
    expect(validateCertificateId(replacePart(FIRST, 8, '0A1'))).toMatchObject({ code: 'FORMAT' });
    expect(validateCertificateId(replacePart(FIRST, 9, 'FF'))).toMatchObject({ code: 'FORMAT' });
    expect(validateCertificateId(replacePart(FIRST, 9, '*'))).toMatchObject({ code: 'FORMAT' });
  });

  it('only warns about a wrong check character inside an embedded credit code', () => {
    // 91110000600037341N has a wrong 18th character; the certificate's own check still protects it.
    const id = makeCertificateId({
      typeCode: '11100000MB0143028R001',
      issuerCode: '91110000600037341N',
      serial: 'A7',
      version: 3,
    });
    expect(validateCertificateId(id)).toEqual({
      ok: true,
      value: id,
      warnings: ['CHECK_CHARACTER_MISMATCH'],
    });
    const both = makeCertificateId({
      typeCode: '11100000MB0143028T001',
      issuerCode: '91110000600037341N',
      serial: 'A7',
      version: 3,
    });
    expect(validateCertificateId(both)).toEqual({
      ok: true,
      value: both,
      warnings: ['CHECK_CHARACTER_MISMATCH'],
    });
  });

  it('rejects a broken organisation code inside an embedded credit code', () => {
    const issuer = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '110000',
      organisationBody: '60003734',
    });
    const brokenIssuer = `${issuer.slice(0, 16)}2${issuer.charAt(17)}`;
    const id = replacePart(FIRST, 6, brokenIssuer);
    expect(validateCertificateId(id)).toMatchObject({ ok: false, code: 'ORGANISATION_CODE' });
  });

  it('never repeats the identifier in the reason', () => {
    const result = validateCertificateId(replacePart(FIRST, 9, 'G'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain('2430599');
  });
});

describe('parseCertificateId', () => {
  it('splits the published identifiers into their parts', () => {
    expect(parseCertificateId(FIRST)).toEqual({
      typeCode: '11100000000013338W032',
      issuerCode: '11220000013544541J',
      serial: '2430599',
      version: 1,
      check: 'F',
    });
    expect(parseCertificateId(SECOND)).toEqual({
      typeCode: '11100000000013338W009',
      issuerCode: '11330105002500287C',
      serial: '2025052201',
      version: 2,
      check: '0',
    });
  });

  it('returns undefined for an identifier that does not validate', () => {
    expect(parseCertificateId(replacePart(FIRST, 9, 'G'))).toBeUndefined();
    expect(parseCertificateId('not an identifier')).toBeUndefined();
  });
});

describe('makeCertificateId', () => {
  it.each(vectors.valid)('rebuilds %s from its parts', (id) => {
    const parts = parseCertificateId(id);
    expect(parts).toBeDefined();
    if (parts) expect(makeCertificateId(parts)).toBe(id);
  });

  it('refuses malformed parts', () => {
    const ok = {
      typeCode: '11100000000013338W032',
      issuerCode: '11220000013544541J',
      serial: '2430599',
      version: 1,
    };
    expect(makeCertificateId(ok)).toBe(FIRST);
    expect(() => makeCertificateId({ ...ok, version: 1000 })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, version: 1.5 })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, serial: '' })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, serial: '24.30' })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, serial: '2430599a' })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, typeCode: '11100000000013338w032' })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, issuerCode: ' 11220000013544541J' })).toThrow(RangeError);
    expect(() => makeCertificateId({ ...ok, issuerCode: '11220000013544542J' })).toThrow(RangeError);
  });
});

describe('certificate identifier properties', () => {
  const parts = fc.record({
    typeCode: fc.constantFrom(...typeCodes),
    issuerCode: fc.constantFrom('11220000013544541J', '11330105002500287C', '91350100M000100Y43'),
    serial: fc.stringMatching(/^[0-9A-Z]{1,20}$/),
    version: fc.integer({ min: 0, max: 999 }),
  });

  it('makeCertificateId always yields an identifier that validates and parses back', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = makeCertificateId(p);
        expect(validateCertificateId(id)).toEqual({ ok: true, value: id, warnings: [] });
        expect(parseCertificateId(id)).toMatchObject(p);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('detects any single changed letter or digit after the prefix', () => {
    fc.assert(
      fc.property(parts, fc.nat(), fc.integer({ min: 1, max: 35 }), (p, pick, shift) => {
        const id = makeCertificateId(p);
        const positions = Array.from(id, (_, i) => i).filter(
          (i) => i >= '1.2.156.3005.2.'.length && id.charAt(i) !== '.',
        );
        const position = positions[pick % positions.length] ?? 0;
        const replacement = ALPHANUMERIC.charAt((ALPHANUMERIC.indexOf(id.charAt(position)) + shift) % 36);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(changed).not.toBe(id);
        expect(validateCertificateId(changed).ok).toBe(false);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
