import {
  assertStatusTransition,
  canChangeStatus,
  DomainError,
  makeCertificateId,
  pickCurrent,
  type CertificateContent,
  type CertificateOrigin,
  type CertificateStore,
  type CertificateVersion,
  type ImportBatchResult,
  type ImportRecord,
  type ImportRunInfo,
  type ImportRunReport,
  type IssueInput,
  type QuarantineInput,
  type QuarantineRow,
  type SourceQuery,
} from '@tongban/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import { resolveAuditSchema } from '../audit/audit-schema.js';
import { contentDigestOf } from './content-digest.js';
import { selectVersions, versionFromRow } from './certificate-rows.js';
import type { NodeDatabase } from './node-schema.js';

type Db = Kysely<NodeDatabase> | Transaction<NodeDatabase>;

/** Rows per INSERT: 15 parameters a version row stays far below PostgreSQL's 65,535. */
const CHUNK = 2000;

interface NewVersion {
  readonly certificateId: string;
  readonly version: number;
  readonly content: CertificateContent;
  readonly origin: CertificateOrigin;
  readonly by: string;
  readonly reason: string | null;
  readonly digest: string;
  readonly sourceKey?: string | undefined;
  readonly importRun?: number | undefined;
}

/**
 * The node's certificate store on PostgreSQL or PGlite (migration 0101). Versions are inserted and
 * never changed; the `certificate` row of each certificate points at its current version and is the
 * only row ever rewritten. Every multi-row change runs in one transaction.
 */
export async function createCertificateStore(
  db: Kysely<NodeDatabase>,
  options: { readonly clock?: () => Date } = {},
): Promise<CertificateStore> {
  const clock = options.clock ?? (() => new Date());
  // Raw SQL is not rewritten by withSchema: name the sequence with its schema (a plain identifier).
  const { name: schemaName, table: t } = await resolveAuditSchema(db);
  const sequence = sql.lit(`"${schemaName}".certificate_serial`);

  async function nextSerials(tx: Db, n: number): Promise<string[]> {
    const year = clock().getUTCFullYear();
    const { rows } = await sql<{
      n: string | number;
    }>`select nextval(${sequence}::regclass) as n from generate_series(1, ${n})`.execute(tx);
    return rows.map((r) => `${year}${String(r.n).padStart(10, '0')}`);
  }

  /**
   * Inserts versions and moves each certificate's pointer to them. Arrays through unnest: two
   * statements with a fixed number of parameters per chunk, whatever its size (a multi-row VALUES
   * list of 2,000 rows is 30,000 parameters to parse and plan).
   */
  async function writeVersions(tx: Db, versions: readonly NewVersion[]): Promise<void> {
    const now = clock().toISOString();
    for (let i = 0; i < versions.length; i += CHUNK) {
      const c = versions.slice(i, i + CHUNK);
      const col = <T>(f: (v: NewVersion) => T): T[] => c.map(f);
      const ids = col((v) => v.certificateId);
      const numbers = col((v) => v.version);
      const types = col((v) => v.content.typeCode);
      const kinds = col((v) => v.content.holder.kind);
      const holders = col((v) => v.content.holder.id);
      const statuses = col((v) => v.content.status);
      const froms = col((v) => v.content.validFrom);
      const untils = col((v) => v.content.validUntil);
      const digests = col((v) => v.digest);
      await sql`insert into ${t('certificate_version')} (certificate_id, version, type_code, holder_kind,
          holder_id, issuer_code, fields, status, valid_from, valid_until, origin, recorded_at, recorded_by,
          reason, content_digest)
        select id, n, type_code, kind, holder, issuer, fields::json, status, vf::date, vu::date, origin,
          ${now}::timestamptz, by, reason, digest
        from unnest(${ids}::text[], ${numbers}::int[], ${types}::text[], ${kinds}::text[], ${holders}::text[],
          ${col((v) => v.content.issuerCode)}::text[], ${col((v) => JSON.stringify(v.content.fields))}::text[],
          ${statuses}::text[], ${froms}::text[], ${untils}::text[], ${col((v) => v.origin)}::text[],
          ${col((v) => v.by)}::text[], ${col((v) => v.reason)}::text[], ${digests}::text[])
          as u(id, n, type_code, kind, holder, issuer, fields, status, vf, vu, origin, by, reason, digest)`.execute(
        tx,
      );
      await sql`insert into ${t('certificate')} (certificate_id, type_code, holder_kind, holder_id,
          current_version, status, valid_from, valid_until, content_digest, updated_at, source_key, last_import_run)
        select id, type_code, kind, holder, n, status, vf::date, vu::date, digest, ${now}::timestamptz, source_key, run
        from unnest(${ids}::text[], ${types}::text[], ${kinds}::text[], ${holders}::text[], ${numbers}::int[],
          ${statuses}::text[], ${froms}::text[], ${untils}::text[], ${digests}::text[],
          ${col((v) => v.sourceKey ?? null)}::text[], ${col((v) => v.importRun ?? null)}::int[])
          as u(id, type_code, kind, holder, n, status, vf, vu, digest, source_key, run)
        on conflict (certificate_id) do update set current_version = excluded.current_version,
          status = excluded.status, valid_from = excluded.valid_from, valid_until = excluded.valid_until,
          content_digest = excluded.content_digest, updated_at = excluded.updated_at,
          last_import_run = excluded.last_import_run`.execute(tx);
    }
  }

  const current = (d: Db) =>
    selectVersions(d as Kysely<NodeDatabase>).innerJoin('certificate as c', (j) =>
      j.onRef('c.certificate_id', '=', 'v.certificate_id').onRef('c.current_version', '=', 'v.version'),
    );

  async function find(query: SourceQuery): Promise<CertificateVersion | undefined> {
    if (query.by === 'id') {
      const row = await current(db)
        .where('c.certificate_id', '=', query.certificateId)
        .where('c.type_code', '=', query.typeCode)
        .executeTakeFirst();
      return row && versionFromRow(row);
    }
    const rows = await current(db)
      .where('c.holder_id', '=', query.holder.id)
      .where('c.type_code', '=', query.typeCode)
      .where('c.holder_kind', '=', query.holder.kind)
      .execute();
    return pickCurrent(rows.map(versionFromRow));
  }

  async function issueOnce({
    content,
    recordedBy,
    issuance,
  }: IssueInput): Promise<{ record: CertificateVersion; created: boolean }> {
    return db.transaction().execute(async (tx) => {
      const existing = await tx
        .selectFrom('certificate_issuance')
        .select('certificate_id')
        .where('case_no', '=', issuance.caseNo)
        .where('output_code', '=', issuance.outputCode)
        .executeTakeFirst();
      if (existing) {
        const row = await current(tx)
          .where('c.certificate_id', '=', existing.certificate_id)
          .executeTakeFirstOrThrow();
        return { record: versionFromRow(row), created: false };
      }
      const [serial = ''] = await nextSerials(tx, 1);
      const certificateId = makeCertificateId({
        typeCode: content.typeCode,
        issuerCode: content.issuerCode,
        serial,
        version: 1,
      });
      // The primary key settles a race between two identical issue requests: the loser's
      // transaction fails and its caller retries into the branch above.
      await tx
        .insertInto('certificate_issuance')
        .values({
          case_no: issuance.caseNo,
          output_code: issuance.outputCode,
          certificate_id: certificateId,
          request_digest: issuance.requestDigest,
        })
        .execute();
      await writeVersions(tx, [
        {
          certificateId,
          version: 1,
          content,
          origin: 'issued',
          by: recordedBy,
          reason: `issued for case ${issuance.caseNo}`,
          digest: contentDigestOf(content),
        },
      ]);
      const row = await current(tx).where('c.certificate_id', '=', certificateId).executeTakeFirstOrThrow();
      return { record: versionFromRow(row), created: true };
    });
  }

  return {
    find,

    async versions(certificateId) {
      const rows = await selectVersions(db)
        .where('v.certificate_id', '=', certificateId)
        .orderBy('v.version')
        .execute();
      return rows.map(versionFromRow);
    },

    async issue(input) {
      try {
        return await issueOnce(input);
      } catch (e) {
        // Two identical requests at once: the loser's insert hits the issuance primary key (23505);
        // by now the winner has committed, so the second attempt returns its certificate.
        if ((e as { code?: string }).code === '23505') return issueOnce(input);
        throw e;
      }
    },

    async changeStatus(certificateId, to, { by, reason }) {
      return db.transaction().execute(async (tx) => {
        const head = await tx
          .selectFrom('certificate')
          .select(['current_version', 'source_key', 'last_import_run'])
          .where('certificate_id', '=', certificateId)
          .forUpdate()
          .executeTakeFirst();
        if (!head)
          throw new DomainError('CERTIFICATE_NOT_FOUND', 'no such certificate', { field: 'certificateId' });
        const row = await selectVersions(tx)
          .where('v.certificate_id', '=', certificateId)
          .where('v.version', '=', head.current_version)
          .executeTakeFirstOrThrow();
        const now = versionFromRow(row);
        assertStatusTransition(now.status, to);
        const content: CertificateContent = { ...now, status: to };
        await writeVersions(tx, [
          {
            certificateId,
            version: now.version + 1,
            content,
            origin: now.origin,
            by,
            reason,
            digest: contentDigestOf(content),
            sourceKey: head.source_key ?? undefined,
            importRun: head.last_import_run ?? undefined,
          },
        ]);
        const updated = await current(tx)
          .where('c.certificate_id', '=', certificateId)
          .executeTakeFirstOrThrow();
        return versionFromRow(updated);
      });
    },

    async startImport({ fileName, fileDigest, typeCode, startedBy }) {
      const row = await db
        .insertInto('import_run')
        .values({
          file_name: fileName,
          file_digest: fileDigest,
          type_code: typeCode,
          started_by: startedBy,
          state: 'running',
          read: 0,
          imported: 0,
          updated: 0,
          unchanged: 0,
          quarantined: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), fileName, fileDigest, typeCode };
    },

    async importBatch(run, records, refused) {
      return db.transaction().execute((tx) => importBatch(tx, run, records, refused));
    },

    async finishImport(runId, totals, state) {
      await db
        .updateTable('import_run')
        .set({ ...totals, state, finished_at: clock().toISOString() })
        .where('id', '=', runId)
        .execute();
      const [report] = await runs(db, { id: runId, limit: 1 });
      if (!report) throw new DomainError('NOT_FOUND', 'no such import run');
      return report;
    },

    importRuns: (limit) => runs(db, { limit }),

    async quarantine(filter) {
      let q = db
        .selectFrom('quarantine_row')
        .select([
          'id',
          'run_id',
          'file_name',
          'row_number',
          'type_code',
          'field',
          'code',
          'message',
          'raw',
          'state',
          'created_at',
        ])
        .orderBy('id')
        .limit(filter.limit);
      if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
      if (filter.typeCode !== undefined) q = q.where('type_code', '=', filter.typeCode);
      if (filter.state !== undefined) q = q.where('state', '=', filter.state);
      if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
      const rows = await q.execute();
      return rows.map((r): QuarantineRow => ({
        id: Number(r.id),
        runId: r.run_id,
        fileName: r.file_name,
        rowNumber: r.row_number,
        typeCode: r.type_code,
        field: r.field,
        code: r.code,
        message: r.message,
        raw: typeof r.raw === 'string' ? (JSON.parse(r.raw) as Record<string, string>) : r.raw,
        state: r.state as QuarantineRow['state'],
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    async discardQuarantine(ids) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('quarantine_row')
        .set({ state: 'discarded', resolved_at: clock().toISOString() })
        .where('id', 'in', ids.map(String))
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };

  async function importBatch(
    tx: Transaction<NodeDatabase>,
    run: ImportRunInfo,
    records: readonly ImportRecord[],
    refused: readonly QuarantineInput[],
  ): Promise<ImportBatchResult> {
    const quarantine: QuarantineInput[] = [...refused];
    const keys = [...new Set(records.map((r) => r.sourceKey))];
    const existing = new Map(
      keys.length === 0
        ? []
        : (
            await tx
              .selectFrom('certificate')
              .select([
                'certificate_id',
                'source_key',
                'holder_id',
                'current_version',
                'content_digest',
                'last_import_run',
                'status',
              ])
              .where('source_key', 'in', keys)
              .execute()
          ).map((r) => [r.source_key ?? '', r]),
    );
    // Stored certificates of the same holders and type: an identical one under another key (or
    // issued here, with no key) makes the row a duplicate of a stored record.
    const holders = [...new Set(records.map((r) => r.content.holder.id))];
    const storedDigests = new Map<string, string>();
    if (holders.length > 0) {
      const rows = await tx
        .selectFrom('certificate')
        .select(['certificate_id', 'holder_id', 'content_digest', 'source_key'])
        .where('type_code', '=', run.typeCode)
        .where('holder_id', 'in', holders)
        .execute();
      for (const r of rows) storedDigests.set(`${r.holder_id}|${r.content_digest}`, r.source_key ?? '');
    }

    const writes: NewVersion[] = [];
    let unchanged = 0;
    const settledKeys: string[] = [];
    const corrected: number[] = [];
    const seen = new Map<string, number>();
    let imported = 0;
    let updated = 0;
    const refuse = (r: ImportRecord, field: string, code: string, message: string) =>
      quarantine.push({ rowNumber: r.rowNumber, field, code, message, raw: r.raw, sourceKey: r.sourceKey });

    const fresh = records.filter((r) => !existing.has(r.sourceKey));
    const givenIds = fresh.flatMap((r) => (r.certificateId ? [r.certificateId] : []));
    const takenIds = new Set(
      givenIds.length === 0
        ? []
        : (
            await tx
              .selectFrom('certificate')
              .select('certificate_id')
              .where('certificate_id', 'in', givenIds)
              .execute()
          ).map((r) => r.certificate_id),
    );
    const serials = await nextSerials(tx, fresh.length || 1);
    let nextSerial = 0;

    for (const r of records) {
      const earlier = seen.get(r.sourceKey);
      const stored = existing.get(r.sourceKey);
      if (earlier !== undefined || stored?.last_import_run === run.id) {
        refuse(
          r,
          'key',
          'DUPLICATE_IN_FILE',
          earlier !== undefined
            ? `the same certificate is on row ${earlier}`
            : 'the same certificate appears earlier in this file',
        );
        continue;
      }
      seen.set(r.sourceKey, r.rowNumber);
      const digest = contentDigestOf(r.content);
      if (stored) {
        if (stored.holder_id !== r.content.holder.id) {
          refuse(r, 'key', 'KEY_CONFLICT', 'a stored certificate with this key has another holder');
          continue;
        }
        if (stored.content_digest === digest) {
          unchanged += 1;
        } else {
          const from = stored.status as CertificateVersion['status'];
          if (from !== r.content.status && !canChangeStatus(from, r.content.status)) {
            refuse(
              r,
              'status',
              'STATUS_TRANSITION_NOT_ALLOWED',
              `a ${from} certificate cannot become ${r.content.status}`,
            );
            continue;
          }
          writes.push({
            certificateId: stored.certificate_id,
            version: stored.current_version + 1,
            content: r.content,
            origin: 'imported',
            by: `import:${run.id}`,
            reason: `corrected by import of ${run.fileName} row ${r.rowNumber}`,
            digest,
            sourceKey: r.sourceKey,
            importRun: run.id,
          });
          updated += 1;
        }
      } else {
        const twin = storedDigests.get(`${r.content.holder.id}|${digest}`);
        if (twin !== undefined) {
          refuse(
            r,
            'key',
            'DUPLICATE_OF_STORED',
            'an identical certificate of this holder is already stored',
          );
          continue;
        }
        if (r.certificateId !== undefined && takenIds.has(r.certificateId)) {
          refuse(
            r,
            'certificateId',
            'CERTIFICATE_ID_TAKEN',
            'another stored certificate has this identifier',
          );
          continue;
        }
        const certificateId =
          r.certificateId ??
          makeCertificateId({
            typeCode: r.content.typeCode,
            issuerCode: r.content.issuerCode,
            serial: serials[nextSerial++] ?? '',
            version: 1,
          });
        if (r.certificateId !== undefined) takenIds.add(r.certificateId);
        writes.push({
          certificateId,
          version: 1,
          content: r.content,
          origin: 'imported',
          by: `import:${run.id}`,
          reason: `imported from ${run.fileName} row ${r.rowNumber}`,
          digest,
          sourceKey: r.sourceKey,
          importRun: run.id,
        });
        storedDigests.set(`${r.content.holder.id}|${digest}`, r.sourceKey);
        imported += 1;
      }
      settledKeys.push(r.sourceKey);
      if (r.correctsQuarantineIds) corrected.push(...r.correctsQuarantineIds);
    }

    await writeVersions(tx, writes);

    const quarantinedRows = new Set(quarantine.map((q) => q.rowNumber)).size;
    for (let i = 0; i < quarantine.length; i += CHUNK) {
      await tx
        .insertInto('quarantine_row')
        .values(
          quarantine.slice(i, i + CHUNK).map((q) => ({
            run_id: run.id,
            file_name: run.fileName,
            file_digest: run.fileDigest,
            row_number: q.rowNumber,
            type_code: run.typeCode,
            field: q.field,
            code: q.code,
            message: q.message,
            raw: JSON.stringify(q.raw),
            source_key: q.sourceKey ?? null,
            state: 'open',
          })),
        )
        .onConflict((oc) =>
          oc.columns(['file_digest', 'row_number', 'code', 'field']).where('state', '=', 'open').doNothing(),
        )
        .execute();
    }
    // A row that now stands, read from another file (a corrected one), settles what was quarantined
    // for the same certificate; the same file again settles nothing (its duplicates stay duplicates).
    const now = clock().toISOString();
    for (let i = 0; i < settledKeys.length; i += CHUNK)
      await tx
        .updateTable('quarantine_row')
        .set({ state: 'resolved', resolved_at: now, resolved_by_run: run.id })
        .where('state', '=', 'open')
        .where('source_key', 'in', settledKeys.slice(i, i + CHUNK))
        .where('file_digest', '<>', run.fileDigest)
        .execute();
    if (corrected.length > 0)
      await tx
        .updateTable('quarantine_row')
        .set({ state: 'resolved', resolved_at: now, resolved_by_run: run.id })
        .where('state', '=', 'open')
        .where('id', 'in', corrected.map(String))
        .execute();

    return { imported, updated, unchanged, quarantined: quarantinedRows };
  }
}

async function runs(db: Db, filter: { id?: number; limit: number }): Promise<ImportRunReport[]> {
  let q = db.selectFrom('import_run').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.id !== undefined) q = q.where('id', '=', filter.id);
  const rows = await q.execute();
  return rows.map((r) => ({
    runId: Number(r.id),
    fileName: r.file_name,
    state: r.state as ImportRunReport['state'],
    read: r.read,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    quarantined: r.quarantined,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  }));
}
