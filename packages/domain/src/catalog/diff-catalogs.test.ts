import { smallCatalog, typeCodes } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import { diffCatalogs, isEmptyDiff } from './diff-catalogs.js';
import type { Catalog } from './types.js';

describe('diffCatalogs', () => {
  it('finds nothing between a catalog and a reordered copy of it', () => {
    const reordered: Catalog = {
      departments: [...smallCatalog.departments].reverse(),
      certificateTypes: [...smallCatalog.certificateTypes].reverse(),
      items: smallCatalog.items.map((i) => ({ ...i, materials: [...i.materials].reverse() })),
    };
    expect(isEmptyDiff(diffCatalogs(smallCatalog, reordered))).toBe(true);
  });

  it('lists added, removed and changed entities with field-level paths', () => {
    const [food, marriage, hukou] = smallCatalog.items;
    const next: Catalog = {
      ...smallCatalog,
      certificateTypes: smallCatalog.certificateTypes.map((t) =>
        t.code === typeCodes.businessLicence
          ? {
              ...t,
              fields: {
                ...t.fields,
                properties: { ...t.fields.properties, address: { type: 'string', title: '住所' } },
              },
            }
          : t,
      ),
      items: [
        {
          ...food!,
          promisedDays: { days: 5, unit: 'working' },
          materials: food!.materials.map((m) =>
            m.source.kind === 'certificate' && m.source.typeCode === typeCodes.businessLicence
              ? { ...m, source: { ...m.source, fields: ['creditCode', 'name'] } }
              : m,
          ),
        },
        hukou!,
        { ...marriage!, itemCode: 'NEW-ITEM' },
      ],
    };
    const d = diffCatalogs(smallCatalog, next);
    expect(d.items.added).toEqual(['NEW-ITEM']);
    expect(d.items.removed).toEqual([marriage!.itemCode]);
    expect(d.items.changed).toEqual([
      {
        key: food!.itemCode,
        changes: [
          {
            path: 'materials[营业执照].source.fields',
            before: ['creditCode', 'name', 'legalRepresentative'],
            after: ['creditCode', 'name'],
          },
          { path: 'promisedDays.days', before: 10, after: 5 },
        ],
      },
    ]);
    expect(d.certificateTypes.changed[0]?.changes).toEqual([
      { path: 'fields.properties.address', before: null, after: { type: 'string', title: '住所' } },
    ]);
    expect(d.departments).toEqual({ added: [], removed: [], changed: [] });
  });
});
