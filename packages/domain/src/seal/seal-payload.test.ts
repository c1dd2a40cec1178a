import { describe, expect, it } from 'vitest';
import { buildSealPayload, chineseDate, sealExpiry, watermarkText } from './seal-payload.js';

describe('seal payload', () => {
  const record = {
    certificateId: 'C-1',
    typeCode: '11100000000013127D001',
    issuerCode: '114499000075001205',
    holder: { kind: 'person' as const, id: '11010519491231002X' },
    status: 'valid' as const,
    validFrom: '2020-01-01',
    validUntil: '2026-12-01',
    version: 1,
    fields: { name: '张三' },
  };
  const base = {
    sealId: 's-1',
    ttlSeconds: 30 * 86_400,
    platformId: 'p',
    record,
    issuerName: '示范市公安局',
    itemName: '某事项',
    purpose: {
      itemCode: 'I',
      caseNo: 'C',
      deptCode: 'D',
      clerkId: 'k',
      explicitRequest: true,
      agreementId: null,
    },
    source: { nodeId: 'n', responseDigest: 'sha-256=:x:', fetchedAt: '2026-11-27T00:00:00.000Z', via: null },
  };

  it('dates in China time', () => {
    expect(chineseDate('2026-11-26T16:00:00.000Z')).toBe('2026年11月27日');
    expect(chineseDate('2026-11-26T15:59:59.999Z')).toBe('2026年11月26日');
  });

  it('expires after the TTL, or at the end of the certificate’s last valid day if that comes first', () => {
    const issued = new Date('2026-11-27T04:00:00.000Z');
    expect(sealExpiry(issued, 86_400, null)).toBe('2026-11-28T04:00:00.000Z');
    // Valid through 2026-12-01 (China time): the copy ends at the following midnight, UTC+8.
    expect(sealExpiry(issued, 30 * 86_400, '2026-12-01')).toBe('2026-12-01T16:00:00.000Z');
  });

  it('prints the last day the copy is good, not the exclusive end', () => {
    const p = buildSealPayload({ ...base, issuedAt: new Date('2026-11-27T04:00:00.000Z') });
    expect(p.expiresAt).toBe('2026-12-01T16:00:00.000Z');
    expect(p.watermark).toBe('此件由示范市公安局提供，仅供办理某事项事项使用，有效期至2026年12月1日');
    expect(watermarkText('甲', '乙', '2026-12-28T04:00:00.000Z')).toBe(
      '此件由甲提供，仅供办理乙事项使用，有效期至2026年12月28日',
    );
  });
});
