import { DomainError } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { parseAdapterConfig } from './adapter-config.js';
import { adapterDepts, seafarerType, taxAdapterYaml, taxRegistrationType } from './adapter-fixtures.js';
import { checkMappingAgainst } from './check-mapping.js';
import { openAdapters } from './open-adapters.js';

const taxFile = parseAdapterConfig(
  taxAdapterYaml({ dialect: 'postgres', url: 'postgres://reader@127.0.0.1:1/tax', table: 'v_tax' }),
);
const customsFile = parseAdapterConfig(`adapters:
  - name: customs
    kind: http
    baseUrl: http://127.0.0.1:1/api
    byId: /r/{certificateId}
    typeCode: "${seafarerType.code}"
    issuerCode: "${adapterDepts.maritime}"
    holder: {kind: person, path: sfzh}
    certificateId: {path: zsbh}
    status: {value: valid}
    validFrom: {path: qfrq}
    fields: {holderName: xm, rank: zw}
`);

describe('openAdapters', () => {
  it('opens every adapter without connecting, and closes them', async () => {
    const sources = await openAdapters(
      { adapters: [...taxFile.adapters, ...customsFile.adapters] },
      { certificateTypes: [taxRegistrationType, seafarerType] },
    );
    expect(sources.map((s) => s.name)).toEqual(['sql:tax-registration', 'http:customs']);
    expect(sources.map((s) => [...s.typeCodes])).toEqual([[taxRegistrationType.code], [seafarerType.code]]);
    for (const s of sources) await s.close();
  });

  it('refuses a type the catalog does not have', async () => {
    await expect(openAdapters(taxFile, { certificateTypes: [seafarerType] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'adapters[0].typeCode' },
    });
  });

  it('refuses a mapping that does not fit its type, naming every mismatch', async () => {
    const type = {
      ...taxRegistrationType,
      holderKind: 'person' as const,
      issuingDeptCodes: [adapterDepts.maritime],
      fields: {
        ...taxRegistrationType.fields,
        properties: {
          taxpayerName: taxRegistrationType.fields.properties['taxpayerName']!,
          seal: { type: 'string' as const, title: '印章' },
        },
        required: ['taxpayerName', 'seal'],
      },
    };
    const error: unknown = await openAdapters(taxFile, { certificateTypes: [type] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'adapters[0].holder.kind: this type is held by a person (and 5 more)',
    );
    expect(checkMappingAgainst(taxFile.adapters[0]!, type).map((p) => p.field)).toEqual([
      'holder.kind',
      'issuerCode',
      'fields.registeredOn',
      'fields.taxAuthority',
      'fields.registeredCapital',
      'fields.seal',
    ]);
  });
});
