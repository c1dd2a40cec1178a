import {
  CatalogDiffSchema,
  CatalogVersionSchema,
  CertificateTypeSchema,
  DepartmentSchema,
  PageOf,
  PageQuerySchema,
  ServiceItemSchema,
  MaterialSchema,
  Merge,
  VersionParam,
} from '@tongban/contracts';
import { DomainError, itemTypes, type CatalogRepository, type ErrorCode } from '@tongban/domain';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { diffCatalogVersions } from './diff-catalog-versions.js';
import { resolveVersion } from './resolve-version.js';

const problems = { 400: Type.Ref('Problem'), 404: Type.Ref('Problem') };
const VersionQuery = Type.Object({ version: Type.Optional(VersionParam) });
const code = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

/** The public, read-only catalog API. Every read names a version (default: the latest). */
export const catalogRoutes: FastifyPluginCallbackTypebox<{ repo: CatalogRepository }> = (
  app,
  { repo },
  done,
) => {
  const found = <T>(value: T | undefined, code: ErrorCode, what: string): T => {
    if (value === undefined) throw new DomainError(code, `${what} not found in this catalog version`);
    return value;
  };

  app.get(
    '/catalog/versions',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List published catalog versions',
        response: { 200: Type.Object({ entries: Type.Array(Type.Ref('CatalogVersion')) }) },
      },
    },
    async () => ({ entries: [...(await repo.listVersions())] }),
  );

  app.get(
    '/catalog/versions/:version',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One catalog version',
        params: Type.Object({ version: VersionParam }),
        response: { 200: Type.Ref('CatalogVersion'), ...problems },
      },
    },
    async (req) => resolveVersion(repo, req.params.version),
  );

  app.get(
    '/catalog/versions/:from/diff/:to',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'What changed between two catalog versions (added, removed, changed items, types, departments and fields)',
        params: Type.Object({ from: VersionParam, to: VersionParam }),
        response: { 200: Type.Ref('CatalogDiff'), ...problems },
      },
    },
    async (req) => diffCatalogVersions(repo, req.params.from, req.params.to),
  );

  app.get(
    '/departments',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List departments',
        querystring: Merge(VersionQuery, PageQuerySchema),
        response: { 200: PageOf(Type.Ref('Department')), ...problems },
      },
    },
    async (req) => {
      const v = await resolveVersion(repo, req.query.version);
      return repo.listDepartments(v.version, { cursor: req.query.cursor, limit: req.query.limit ?? 50 });
    },
  );

  app.get(
    '/departments/:creditCode',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One department',
        params: Type.Object({ creditCode: code('统一社会信用代码') }),
        querystring: VersionQuery,
        response: { 200: Type.Ref('Department'), ...problems },
      },
    },
    async (req) => {
      const v = await resolveVersion(repo, req.query.version);
      return found(
        await repo.findDepartment(v.version, req.params.creditCode),
        'DEPARTMENT_NOT_FOUND',
        'department',
      );
    },
  );

  app.get(
    '/certificate-types',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List certificate types',
        querystring: Merge(VersionQuery, PageQuerySchema),
        response: { 200: PageOf(Type.Ref('CertificateType')), ...problems },
      },
    },
    async (req) => {
      const v = await resolveVersion(repo, req.query.version);
      return repo.listCertificateTypes(v.version, { cursor: req.query.cursor, limit: req.query.limit ?? 50 });
    },
  );

  app.get(
    '/certificate-types/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One certificate type with its field schema',
        params: Type.Object({ code: code('certificate type code') }),
        querystring: VersionQuery,
        response: { 200: Type.Ref('CertificateType'), ...problems },
      },
    },
    async (req) => {
      const v = await resolveVersion(repo, req.query.version);
      return found(
        await repo.findCertificateType(v.version, req.params.code),
        'CERTIFICATE_TYPE_NOT_FOUND',
        'certificate type',
      );
    },
  );

  const ItemQuery = Merge(
    Merge(VersionQuery, PageQuerySchema),
    Type.Object({
      deptCode: Type.Optional(Type.String({ maxLength: 64 })),
      type: Type.Optional(Type.Union(itemTypes.map((t) => Type.Literal(t)))),
      certificateType: Type.Optional(
        Type.String({ maxLength: 64, description: 'only items with a material of this certificate type' }),
      ),
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'text in the item name' })),
    }),
  );

  app.get(
    '/items',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List service items with their materials',
        querystring: ItemQuery,
        response: { 200: PageOf(Type.Ref('ServiceItem')), ...problems },
      },
    },
    async (req) => {
      const { version, cursor, limit, ...filter } = req.query;
      const v = await resolveVersion(repo, version);
      return repo.listItems(v.version, filter, { cursor, limit: limit ?? 50 });
    },
  );

  app.get(
    '/items/:itemCode',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One service item with its materials',
        params: Type.Object({ itemCode: code('实施编码') }),
        querystring: VersionQuery,
        response: { 200: Type.Ref('ServiceItem'), ...problems },
      },
    },
    async (req) => {
      const v = await resolveVersion(repo, req.query.version);
      return found(await repo.findItem(v.version, req.params.itemCode), 'ITEM_NOT_FOUND', 'item');
    },
  );
  done();
};

/** Shared schemas registered once, referenced by `$ref` from the routes and the OpenAPI document. */
export const catalogSchemas = [
  DepartmentSchema,
  MaterialSchema,
  CertificateTypeSchema,
  ServiceItemSchema,
  CatalogVersionSchema,
  CatalogDiffSchema,
];
