import { diffCatalogs, isEmptyDiff, type Catalog, type CatalogRepository } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCatalog, typeCodes } from './small-catalog.js';

/**
 * The behaviour every CatalogRepository must have, whatever stores it. Run it against each
 * implementation: `catalogRepositoryContract('pglite', async () => ({ repo, close }))`.
 */
export function catalogRepositoryContract(
  name: string,
  open: () => Promise<{ repo: CatalogRepository; close: () => Promise<void> }>,
): void {
  describe(`CatalogRepository contract (${name})`, () => {
    let repo: CatalogRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ repo, close } = await open());
    });
    afterAll(async () => {
      await close();
    });

    it('starts empty', async () => {
      expect(await repo.latestVersion()).toBeUndefined();
      expect(await repo.listVersions()).toEqual([]);
    });

    it('publishes version 1 and reads the catalog back exactly', async () => {
      const { version, created } = await repo.publish({
        catalog: smallCatalog,
        publishedBy: 'test',
        note: 'first',
      });
      expect(created).toBe(true);
      expect(version.version).toBe(1);
      expect(version.counts).toEqual({ departments: 3, certificateTypes: 4, items: 3 });
      expect(version.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(version.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const back = await repo.getCatalog(1);
      expect(isEmptyDiff(diffCatalogs(smallCatalog, back))).toBe(true);
      expect(back.items.find((i) => i.itemCode === smallCatalog.items[0]!.itemCode)).toEqual(
        smallCatalog.items[0],
      );
    });

    it('makes no new version for an unchanged catalog, even reordered', async () => {
      const reordered: Catalog = { ...smallCatalog, items: [...smallCatalog.items].reverse() };
      const { version, created } = await repo.publish({
        catalog: reordered,
        publishedBy: 'test',
        note: 'same',
      });
      expect(created).toBe(false);
      expect(version.version).toBe(1);
    });

    it('publishes a changed catalog as version 2 and keeps version 1 readable', async () => {
      const changed: Catalog = {
        ...smallCatalog,
        items: smallCatalog.items.slice(1).map((i, n) => (n === 0 ? { ...i, name: `${i.name}（变更）` } : i)),
      };
      const { version } = await repo.publish({ catalog: changed, publishedBy: 'test', note: 'second' });
      expect(version.version).toBe(2);
      expect((await repo.getCatalog(1)).items).toHaveLength(3);
      expect((await repo.getCatalog(2)).items).toHaveLength(2);
      expect((await repo.latestVersion())?.version).toBe(2);
      expect((await repo.listVersions()).map((v) => v.version)).toEqual([1, 2]);
      const diff = diffCatalogs(await repo.getCatalog(1), await repo.getCatalog(2));
      expect(diff.items.removed).toEqual([smallCatalog.items[0]!.itemCode]);
      expect(diff.items.changed).toHaveLength(1);
    });

    it('finds and pages departments, certificate types and items', async () => {
      expect((await repo.findDepartment(1, smallCatalog.departments[0]!.creditCode))?.name).toBe(
        '示范市公安局',
      );
      expect(await repo.findDepartment(1, 'nope')).toBeUndefined();
      expect((await repo.findCertificateType(1, typeCodes.idCard))?.name).toBe('居民身份证');
      const first = await repo.listDepartments(1, { limit: 2 });
      expect(first.entries).toHaveLength(2);
      expect(first.nextCursor).toBeDefined();
      const second = await repo.listDepartments(1, { limit: 2, cursor: first.nextCursor });
      expect(second.entries).toHaveLength(1);
      expect(second.nextCursor).toBeUndefined();
      const all = [...first.entries, ...second.entries].map((d) => d.creditCode);
      expect(all).toEqual([...all].sort());
      expect((await repo.listCertificateTypes(1, { limit: 10 })).entries).toHaveLength(4);
    });

    it('filters items by department, type, certificate type and name', async () => {
      const byType = await repo.listItems(1, { certificateType: typeCodes.idCard }, { limit: 10 });
      expect(byType.entries.map((i) => i.name).sort()).toEqual(['内地居民婚姻登记', '食品经营许可']);
      const byDept = await repo.listItems(1, { deptCode: smallCatalog.items[0]!.deptCode }, { limit: 10 });
      expect(byDept.entries).toHaveLength(1);
      expect((await repo.listItems(1, { type: '行政确认' }, { limit: 10 })).entries).toHaveLength(1);
      expect((await repo.listItems(1, { q: '婚' }, { limit: 10 })).entries).toHaveLength(2);
      // LIKE wildcards in a search are text, not patterns.
      expect((await repo.listItems(1, { q: '%' }, { limit: 10 })).entries).toHaveLength(0);
      expect((await repo.findItem(1, smallCatalog.items[1]!.itemCode))?.materials).toHaveLength(2);
    });

    it('refuses a cursor it did not hand out', async () => {
      await expect(repo.listItems(1, {}, { limit: 10, cursor: 'not a cursor!' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });
  });
}
