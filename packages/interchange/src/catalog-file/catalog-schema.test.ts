import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { itemTypes } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { catalogSchema } from './catalog-schema.js';
import { validateCatalogDocument } from './validate-document.js';

const PUBLISHED = fileURLToPath(new URL('../../../../docs/catalog.schema.json', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/catalog.json', import.meta.url));

/** A valid document, cloned for each test to spoil one thing. */
const fixture = (): Record<string, any> => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;

describe('the published schema', () => {
  it('docs/catalog.schema.json is the schema the readers use', () => {
    const generated = `${JSON.stringify(catalogSchema, null, 2)}\n`;
    // To regenerate after changing catalog-schema.ts:
    //   UPDATE_CATALOG_SCHEMA=1 npx vitest run packages/interchange/src/catalog-file/catalog-schema.test.ts
    //   npx prettier --write docs/catalog.schema.json
    // (The comparison is of the parsed JSON, so formatting does not matter.)
    if (process.env.UPDATE_CATALOG_SCHEMA === '1') writeFileSync(PUBLISHED, generated);
    const published: unknown = JSON.parse(readFileSync(PUBLISHED, 'utf8'));
    expect(published, 'docs/catalog.schema.json is stale: regenerate it (see the comment above)').toEqual(
      JSON.parse(generated),
    );
  });

  it('compiles as a strict JSON Schema 2020-12 with an off-the-shelf validator', () => {
    const published: unknown = JSON.parse(readFileSync(PUBLISHED, 'utf8'));
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(published as object);
    expect(validate(fixture())).toBe(true);
  });

  it('lists the item types of the domain', () => {
    expect(catalogSchema.$defs.ServiceItem.properties.type.enum).toEqual([...itemTypes]);
  });
});

describe('validateCatalogDocument', () => {
  it('accepts the fixture', () => {
    expect(validateCatalogDocument(fixture())).toEqual([]);
  });

  it('reports a wrong type with its pointer and field', () => {
    const doc = fixture();
    doc.departments[1].vertical = 'no';
    doc.items[0].statutoryDays.days = '15';
    expect(validateCatalogDocument(doc)).toEqual([
      {
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        pointer: '/departments/1/vertical',
        field: 'vertical',
        message: 'must be true or false',
      },
      {
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        pointer: '/items/0/statutoryDays/days',
        field: 'days',
        message: 'must be a number',
      },
    ]);
  });

  it('reports a missing property at the pointer it would have, and an unknown one', () => {
    const doc = fixture();
    delete doc.certificateTypes[0].name;
    doc.certificateTypes[0].colour = 'red';
    const issues = validateCatalogDocument(doc);
    expect(issues.map((i) => [i.pointer, i.field])).toEqual([
      ['/certificateTypes/0/name', 'name'],
      ['/certificateTypes/0/colour', 'colour'],
    ]);
    expect(issues[1]!.message).toBe('colour is not part of the catalog format');
  });

  it('checks credit codes and type codes by pattern', () => {
    const doc = fixture();
    doc.departments[0].creditCode = '11330000T0000007IN'; // I is not in the alphabet
    doc.certificateTypes[0].code = '11100000000013127D01';
    doc.certificateTypes[0].definingDeptCode = '1110000000001312';
    const issues = validateCatalogDocument(doc);
    expect(issues.map((i) => i.pointer)).toEqual([
      '/departments/0/creditCode',
      '/certificateTypes/0/code',
      '/certificateTypes/0/definingDeptCode',
    ]);
    expect(issues[0]!.message).toContain('统一社会信用代码');
    expect(issues[1]!.message).toContain('certificate type code');
  });

  it('accepts a key that is not a credit code only on a department flagged CREDIT_CODE_INVALID', () => {
    const doc = fixture();
    doc.departments[0].creditCode = '3300001234';
    expect(validateCatalogDocument(doc).map((i) => i.pointer)).toEqual(['/departments/0/creditCode']);
    doc.departments[0].flags = ['CREDIT_CODE_INVALID'];
    expect(validateCatalogDocument(doc)).toEqual([]);
  });

  it('checks each kind of material source with its own properties', () => {
    const doc = fixture();
    const materials = doc.items[1].materials as Record<string, any>[];
    materials[0]!.source = { kind: 'certificate', typeCode: '11100000MB0143028R001' }; // fields missing
    materials[1]!.source = { kind: 'applicant', typeCode: '11100000000013127D001' }; // not for applicant
    materials[2]!.source = { kind: 'by-post' };
    const issues = validateCatalogDocument(doc);
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/items/1/materials/0/source/fields', 'fields is missing'],
      ['/items/1/materials/1/source/typeCode', 'typeCode is not part of the catalog format'],
      ['/items/1/materials/2/source/kind', 'must be one of: "certificate", "applicant", "prior-case"'],
    ]);
  });

  it('takes null for a time limit of 无, and nothing else that is not a time limit', () => {
    const doc = fixture();
    doc.items[0].promisedDays = null;
    expect(validateCatalogDocument(doc)).toEqual([]);
    doc.items[0].promisedDays = 5;
    expect(validateCatalogDocument(doc)[0]).toMatchObject({
      pointer: '/items/0/promisedDays',
      message: 'must be an object or null',
    });
  });

  it('refuses blank names, list entries with separators and duplicate list entries', () => {
    const doc = fixture();
    doc.departments[0].name = '   ';
    doc.items[1].serviceObjects = ['企业法人;个体工商户'];
    doc.items[2].outputs = ['11330100T00000036E001', '11330100T00000036E001'];
    expect(validateCatalogDocument(doc).map((i) => i.pointer)).toEqual([
      '/departments/0/name',
      '/items/1/serviceObjects/0',
      '/items/2/outputs',
    ]);
  });

  it('checks the field schemas of certificate types', () => {
    const doc = fixture();
    const properties = doc.certificateTypes[0].fields.properties as Record<string, any>;
    properties.name.type = 'text';
    delete properties.sex.title;
    properties['bad name'] = { type: 'string', title: '坏' };
    const issues = validateCatalogDocument(doc);
    // In the schema's order (property names first); readers then sort issues by their place in the file.
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      [
        '/certificateTypes/0/fields/properties/bad name',
        'the field name must be a code without spaces, control characters or ";"',
      ],
      [
        '/certificateTypes/0/fields/properties/name/type',
        'must be one of: "string", "number", "integer", "boolean", "array", "object"',
      ],
      ['/certificateTypes/0/fields/properties/sex/title', 'title is missing'],
    ]);
  });

  it('requires the format header', () => {
    const doc = fixture();
    doc.formatVersion = 2;
    delete doc.format;
    expect(validateCatalogDocument(doc).map((i) => [i.pointer, i.message])).toEqual([
      ['/format', 'format is missing'],
      ['/formatVersion', 'must be 1'],
    ]);
  });
});
