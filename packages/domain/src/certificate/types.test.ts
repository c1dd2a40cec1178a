import { describe, expect, it } from 'vitest';
import type { CertificateStatus, CertificateVersion } from './types.js';
import {
  certificateStatusNames,
  certificateStatuses,
  parseCertificateStatus,
  statusHistoryOf,
} from './types.js';

describe('parseCertificateStatus', () => {
  it.each(certificateStatuses.map((s) => [s]))('reads the code %s', (s) => {
    expect(parseCertificateStatus(s)).toBe(s);
  });

  it.each(certificateStatuses.map((s) => [certificateStatusNames[s], s]))(
    'reads the Chinese name %s as %s',
    (name, s) => {
      expect(parseCertificateStatus(name)).toBe(s);
    },
  );

  it('has a distinct Chinese name for every status', () => {
    const names = certificateStatuses.map((s) => certificateStatusNames[s]);
    expect(new Set(names).size).toBe(certificateStatuses.length);
  });

  it.each([
    [' valid', 'valid'],
    ['revoked\n', 'revoked'],
    ['\t expired \r\n', 'expired'],
    ['  有效  ', 'valid'],
    ['\u3000吊销\u3000', 'withdrawn'],
    ['\u00a0暂扣\u00a0', 'suspended'],
  ] as const)('trims surrounding whitespace: %j', (text, expected) => {
    expect(parseCertificateStatus(text)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['Valid'],
    ['VALID'],
    ['active'],
    ['valid suspended'],
    ['va lid'],
    ['有 效'],
    ['有效的'],
    ['无效'],
    ['撤消'],
    ['toString'],
    ['constructor'],
    ['__proto__'],
    ['hasOwnProperty'],
  ])('returns undefined for %j', (text) => {
    expect(parseCertificateStatus(text)).toBeUndefined();
  });

  it('does not confuse 注销 (cancelled), 撤销 (revoked) and 吊销 (withdrawn)', () => {
    expect(parseCertificateStatus('注销')).toBe('cancelled');
    expect(parseCertificateStatus('撤销')).toBe('revoked');
    expect(parseCertificateStatus('吊销')).toBe('withdrawn');
    expect(parseCertificateStatus('失效')).toBe('expired');
  });
});

const version = (
  n: number,
  status: CertificateStatus,
  extra: Partial<CertificateVersion> = {},
): CertificateVersion => ({
  certificateId: 'CID',
  version: n,
  origin: 'issued',
  recordedAt: `2024-01-0${n}T09:00:00+08:00`,
  recordedBy: `clerk-${n}`,
  reason: n === 1 ? null : `reason ${n}`,
  typeCode: 'T',
  holder: { kind: 'person', id: 'H' },
  issuerCode: 'I',
  fields: {},
  status,
  validFrom: '2024-01-01',
  validUntil: null,
  ...extra,
});

describe('statusHistoryOf', () => {
  it('is empty for no versions', () => {
    expect(statusHistoryOf([])).toEqual([]);
  });

  it('starts from null with the first version', () => {
    expect(statusHistoryOf([version(1, 'valid')])).toEqual([
      { version: 1, from: null, to: 'valid', at: '2024-01-01T09:00:00+08:00', by: 'clerk-1', reason: null },
    ]);
  });

  it('records each change with who, when and why', () => {
    const history = statusHistoryOf([
      version(1, 'valid'),
      version(2, 'suspended'),
      version(3, 'valid'),
      version(4, 'revoked'),
    ]);
    expect(history).toEqual([
      { version: 1, from: null, to: 'valid', at: '2024-01-01T09:00:00+08:00', by: 'clerk-1', reason: null },
      {
        version: 2,
        from: 'valid',
        to: 'suspended',
        at: '2024-01-02T09:00:00+08:00',
        by: 'clerk-2',
        reason: 'reason 2',
      },
      {
        version: 3,
        from: 'suspended',
        to: 'valid',
        at: '2024-01-03T09:00:00+08:00',
        by: 'clerk-3',
        reason: 'reason 3',
      },
      {
        version: 4,
        from: 'valid',
        to: 'revoked',
        at: '2024-01-04T09:00:00+08:00',
        by: 'clerk-4',
        reason: 'reason 4',
      },
    ]);
  });

  it('sorts unsorted versions by version number', () => {
    const versions = [version(3, 'revoked'), version(1, 'valid'), version(2, 'suspended')];
    expect(statusHistoryOf(versions).map((h) => [h.version, h.from, h.to])).toEqual([
      [1, null, 'valid'],
      [2, 'valid', 'suspended'],
      [3, 'suspended', 'revoked'],
    ]);
  });

  it('sorts numerically, not as text (version 10 after version 9)', () => {
    const versions = [version(10, 'expired'), version(9, 'valid'), version(2, 'suspended')];
    expect(statusHistoryOf(versions).map((h) => h.version)).toEqual([2, 9, 10]);
  });

  it('does not reorder the array it is given', () => {
    const versions = [version(3, 'revoked'), version(1, 'valid'), version(2, 'suspended')];
    const before = versions.map((v) => v.version);
    statusHistoryOf(versions);
    expect(versions.map((v) => v.version)).toEqual(before);
  });

  it('collapses versions that repeat the status (corrections that change only fields)', () => {
    const versions = [
      version(1, 'valid'),
      version(2, 'valid', { reason: 'corrected by import' }),
      version(3, 'valid'),
      version(4, 'suspended'),
      version(5, 'suspended'),
      version(6, 'valid'),
    ];
    expect(statusHistoryOf(versions).map((h) => [h.version, h.from, h.to])).toEqual([
      [1, null, 'valid'],
      [4, 'valid', 'suspended'],
      [6, 'suspended', 'valid'],
    ]);
  });

  it('collapses repeats even when the input is unsorted', () => {
    const versions = [
      version(4, 'valid'),
      version(2, 'suspended'),
      version(3, 'suspended'),
      version(1, 'valid'),
    ];
    expect(statusHistoryOf(versions).map((h) => [h.version, h.from, h.to])).toEqual([
      [1, null, 'valid'],
      [2, 'valid', 'suspended'],
      [4, 'suspended', 'valid'],
    ]);
  });

  it('yields a single entry when the status never changes', () => {
    const versions = [version(2, 'valid'), version(1, 'valid'), version(3, 'valid')];
    expect(statusHistoryOf(versions)).toEqual([
      { version: 1, from: null, to: 'valid', at: '2024-01-01T09:00:00+08:00', by: 'clerk-1', reason: null },
    ]);
  });

  it('chains: each entry starts where the previous one ended', () => {
    const statuses: CertificateStatus[] = ['valid', 'suspended', 'suspended', 'valid', 'valid', 'expired'];
    const history = statusHistoryOf(statuses.map((s, i) => version(i + 1, s)));
    for (let i = 1; i < history.length; i++) {
      expect(history[i]?.from).toBe(history[i - 1]?.to);
      expect(history[i]?.from).not.toBe(history[i]?.to);
    }
  });
});
