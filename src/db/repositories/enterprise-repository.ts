import { and, asc, count, eq, getTableColumns, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DataScope } from '../../domain/access/index.ts';
import { LIST_WINDOW, type ListCursor } from '../../domain/enterprise/list-window.ts';
import type { Executor } from '../client.ts';
import { certifications, enterprises } from '../schema/enterprises.ts';
import { updateVersioned } from './versioned.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type CertificationRow = typeof certifications.$inferSelect;
export type EnterpriseFields = Omit<typeof enterprises.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export interface CertificationFields { kind: string; level: string; title: string; year: number }

export function scopeCondition(scope: DataScope): SQL | undefined {
  switch (scope.kind) {
    case 'all': return undefined;
    case 'region': return eq(enterprises.regionId, scope.regionId);
    case 'enterprise': return eq(enterprises.id, scope.enterpriseId);
    case 'none': return sql`false`;
  }
}

export interface EnterpriseFilter {
  q?: string | undefined;
  regionId?: string | undefined;
  aboveScale?: boolean | undefined;
  chain?: string | undefined;
}

export function filterCondition(scope: DataScope, f: EnterpriseFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The literal run lengths (2, 4) must match the index expressions of migration 0015 exactly, so
    // they are written into the statement, not bound. The grams narrow; ILIKE decides.
    const length = [...f.q].length;
    const byName = length >= 2 ? and(sql`zgsz_grams(${enterprises.name}, 2) @> zgsz_query_grams(${f.q}, 2)`, ilike(enterprises.name, like)) : ilike(enterprises.name, like);
    conds.push(length >= 4 ? or(byName, and(sql`zgsz_grams(${enterprises.uscc}, 4) @> zgsz_query_grams(${f.q}, 4)`, ilike(enterprises.uscc, like))) : byName);
  }
  if (f.regionId) conds.push(eq(enterprises.regionId, f.regionId));
  if (f.aboveScale !== undefined) conds.push(eq(enterprises.aboveScale, f.aboveScale));
  if (f.chain) conds.push(sql`${f.chain} = any(${enterprises.chains})`);
  return and(...conds);
}

/**
 * One page of the list in its order (region, name, id): the page's ids are found on the list index
 * (from `after` or at `offset`), then only those rows are read, with their confirmed certifications
 * as a JSON aggregate.
 */
export async function listEnterprises(db: Executor, where: SQL | undefined, opts: { offset: number; limit: number; after?: ListCursor | undefined; count?: boolean }) {
  const order = [asc(enterprises.regionId), asc(enterprises.name), asc(enterprises.id)];
  const after = opts.after && sql`(${enterprises.regionId}, ${enterprises.name}, ${enterprises.id}) > (${opts.after.regionId}, ${opts.after.name}, ${opts.after.id}::uuid)`;
  const page = db.select({ pageId: enterprises.id }).from(enterprises)
    .where(after ? and(where, after) : where).orderBy(...order).limit(opts.limit).offset(opts.offset).as('page');
  const rows = await db.select({
    ...getTableColumns(enterprises),
    // The outer column is spelled out: inside a sql template Drizzle renders ${enterprises.id} as a
    // bare "id", which here would resolve to c.id and match nothing.
    certs: sql<CertificationFields[]>`coalesce((
      select json_agg(json_build_object('kind', c.kind, 'level', c.level, 'title', c.title, 'year', c.year) order by c.year, c.kind)
      from ${certifications} c where c.enterprise_id = "enterprises"."id" and c.status = 'confirmed'), '[]'::json)`,
    // A search's capped count in the same statement (one round trip for the page and its total);
    // the inner "enterprises" is the subquery's own table.
    ...(opts.count ? { counted: sql<number>`(select count(*) from (select 1 from ${enterprises} ${where ? sql`where ${where}` : sql``} limit ${LIST_WINDOW + 1}) counted)::int` } : {}),
  }).from(enterprises).innerJoin(page, eq(page.pageId, enterprises.id)).orderBy(...order);
  const last = rows.length === opts.limit ? rows[rows.length - 1] : undefined;
  // An empty page past the end carries no count: it is asked for alone.
  const counted = !opts.count ? undefined : rows.length ? cappedTotal(rows[0]!.counted!) : await countEnterprisesCapped(db, where);
  return {
    items: rows.map(({ certs, counted: _n, ...e }) => ({ enterprise: e as EnterpriseRow, certifications: certs })),
    next: last ? { regionId: last.regionId, name: last.name, id: last.id } : null,
    ...(counted && { counted }),
  };
}

const cappedTotal = (n: number) => ({ total: Math.min(n, LIST_WINDOW), totalCapped: n > LIST_WINDOW });

/** How many files `where` selects, counted up to LIST_WINDOW + 1 (the list says "10,000+" beyond). */
export async function countEnterprisesCapped(db: Executor, where: SQL | undefined): Promise<{ total: number; totalCapped: boolean }> {
  const counted = db.select({ one: sql`1` }).from(enterprises).where(where).limit(LIST_WINDOW + 1).as('counted');
  return cappedTotal(Number((await db.select({ n: count() }).from(counted))[0]?.n ?? 0));
}

/** How many files `where` selects, exactly (an export's progress total: read once per job, not per page). */
export async function countEnterprises(db: Executor, where: SQL | undefined): Promise<number> {
  return Number((await db.select({ n: count() }).from(enterprises).where(where))[0]?.n ?? 0);
}

/**
 * After a bulk load: the planner's statistics taken again, the search indexes' pending entries
 * merged and the tables' visibility maps set. Until autovacuum gets to the tables (it may be off,
 * or a minute behind) the planner would plan for the file as it was — a seq scan of every
 * certification for one enterprise's page (30 ms at 100,000 files) — every search would read the
 * pending list, and every index-only scan would still visit the heap for each row it passes: a
 * list page by number (OFFSET, up to row 10,000) read 10,000 heap tuples, p50 15–19 ms at
 * 1,000,000 files, 5.4 ms once vacuumed (the VACUUM itself: 0.9 s). Not in a transaction (VACUUM
 * cannot run in one): `db` is the database itself.
 */
export async function settleAfterBulkLoad(db: Executor): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list('enterprises_name_grams_idx'), gin_clean_pending_list('enterprises_uscc_grams_idx')`);
  await db.execute(sql`vacuum (analyze) enterprises, certifications, enterprise_facts, assessment_projects`);
}

/** Keyset pages on id for streaming exports: memory stays flat however many rows there are. */
export const enterprisePageAfter = (db: Executor, where: SQL | undefined, afterId: string | null, limit: number): Promise<EnterpriseRow[]> =>
  db.select().from(enterprises).where(afterId ? and(where, gt(enterprises.id, afterId)) : where).orderBy(asc(enterprises.id)).limit(limit);

export const findEnterpriseById = async (db: Executor, id: string) =>
  (await db.select().from(enterprises).where(eq(enterprises.id, id)))[0];

export const findEnterpriseByUscc = async (db: Executor, uscc: string) =>
  (await db.select().from(enterprises).where(eq(enterprises.uscc, uscc)))[0];

export const findEnterprisesByUscc = (db: Executor, usccs: string[]) =>
  db.select().from(enterprises).where(sql`${enterprises.uscc} in (select jsonb_array_elements_text(${JSON.stringify(usccs)}::jsonb))`);

export async function insertEnterprise(db: Executor, fields: EnterpriseFields): Promise<EnterpriseRow | undefined> {
  // ON CONFLICT DO NOTHING: of two concurrent creations of one USCC exactly one inserts; the other
  // gets no row back and reports a conflict instead of a unique-violation error.
  const [row] = await db.insert(enterprises).values(fields).onConflictDoNothing({ target: enterprises.uscc }).returning();
  return row;
}

export const updateEnterpriseVersioned = (tx: Executor, id: string, version: number, fields: Partial<EnterpriseFields>, now: Date) =>
  updateVersioned(tx, enterprises, id, version, { ...fields, updatedAt: now }, '企业档案');

/** A change to the file that is not a field of its row (a certification confirmed) still bumps its version. */
export async function bumpEnterpriseVersion(tx: Executor, id: string, now: Date): Promise<EnterpriseRow | undefined> {
  const [row] = await tx.update(enterprises).set({ version: sql`${enterprises.version} + 1`, updatedAt: now }).where(eq(enterprises.id, id)).returning();
  return row;
}

/** Confirmed certifications per enterprise (what counts). */
export async function certificationsOf(db: Executor, ids: string[]): Promise<Map<string, CertificationRow[]>> {
  return certificationRowsOf(db, ids, sql`${certifications.status} = 'confirmed'`);
}

/**
 * One enterprise's file and all its certifications in one statement (a page of the file costs one
 * round trip, not two), split as certificationsAndClaimsOf splits them.
 */
export async function findEnterpriseWithCertifications(db: Executor, id: string): Promise<{ row: EnterpriseRow; confirmed: CertificationRow[]; claims: CertificationRow[] } | undefined> {
  const rows = await db.select({ e: enterprises, c: certifications }).from(enterprises)
    .leftJoin(certifications, eq(certifications.enterpriseId, enterprises.id))
    .where(eq(enterprises.id, id)).orderBy(asc(certifications.year), asc(certifications.kind));
  if (!rows.length) return undefined;
  return { row: rows[0]!.e, ...splitCertifications(rows.flatMap((r) => (r.c ? [r.c] : []))) };
}

/**
 * One enterprise's certifications in one statement: the confirmed ones (what counts; by year and
 * kind) and its own claims that are pending or were rejected (newest first).
 */
export async function certificationsAndClaimsOf(db: Executor, enterpriseId: string): Promise<{ confirmed: CertificationRow[]; claims: CertificationRow[] }> {
  const rows = await db.select().from(certifications).where(eq(certifications.enterpriseId, enterpriseId))
    .orderBy(asc(certifications.year), asc(certifications.kind));
  return splitCertifications(rows);
}

/** Rows in (year, kind) order into the confirmed ones, in that order, and the claims, newest first. */
function splitCertifications(rows: CertificationRow[]): { confirmed: CertificationRow[]; claims: CertificationRow[] } {
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const claims = rows.filter((r) => r.status !== 'confirmed')
    .sort((a, b) => (b.submittedAt?.getTime() ?? -Infinity) - (a.submittedAt?.getTime() ?? -Infinity));
  return { confirmed, claims };
}

async function certificationRowsOf(db: Executor, ids: string[], condition: SQL): Promise<Map<string, CertificationRow[]>> {
  const map = new Map<string, CertificationRow[]>();
  if (!ids.length) return map;
  // One array parameter rather than one bind parameter per id (pages and import batches are large);
  // = any(array) is estimated by its length, where a set-returning function is guessed at 100 rows.
  const rows = await db.select().from(certifications)
    .where(and(condition, sql`${certifications.enterpriseId} = any(${`{${ids.join(',')}}`}::uuid[])`))
    .orderBy(asc(certifications.year), asc(certifications.kind));
  for (const r of rows) {
    const list = map.get(r.enterpriseId) ?? [];
    list.push(r);
    map.set(r.enterpriseId, list);
  }
  return map;
}

/** Replaces the confirmed certifications an officer keeps in the file; claims stay as they are. */
export async function replaceConfirmedCertifications(db: Executor, enterpriseId: string, list: CertificationFields[]) {
  await db.delete(certifications).where(and(eq(certifications.enterpriseId, enterpriseId), eq(certifications.status, 'confirmed')));
  if (list.length) await db.insert(certifications).values(list.map((c) => ({ ...c, enterpriseId, status: 'confirmed' })));
}

export interface ClaimInput extends CertificationFields { evidence: string }

export async function insertCertificationClaim(db: Executor, enterpriseId: string, claim: ClaimInput, by: { userId: string | null; name: string }, now: Date) {
  const [row] = await db.insert(certifications).values({
    ...claim, enterpriseId, status: 'pending', submittedBy: by.userId, submittedByName: by.name, submittedAt: now,
  }).returning();
  return row!;
}

export const findCertification = async (db: Executor, enterpriseId: string, id: string) =>
  (await db.select().from(certifications).where(and(eq(certifications.id, id), eq(certifications.enterpriseId, enterpriseId))))[0];

/** Decides a pending claim in one conditional statement: a second reviewer gets no row back. */
export async function decideCertificationClaim(
  tx: Executor, id: string, decision: 'confirmed' | 'rejected', by: { userId: string | null; name: string }, note: string | null, now: Date,
): Promise<CertificationRow | undefined> {
  const [row] = await tx.update(certifications)
    .set({ status: decision, reviewedBy: by.userId, reviewedByName: by.name, reviewedAt: now, reviewNote: note })
    .where(and(eq(certifications.id, id), eq(certifications.status, 'pending')))
    .returning();
  return row;
}

/** Claims awaiting review among the enterprises `where` selects (a reviewer's queue), oldest first. */
export const pendingClaims = (db: Executor, where: SQL | undefined) =>
  db.select({ claim: certifications, enterpriseName: enterprises.name, uscc: enterprises.uscc, regionId: enterprises.regionId })
    .from(certifications).innerJoin(enterprises, eq(enterprises.id, certifications.enterpriseId))
    .where(and(eq(certifications.status, 'pending'), where))
    .orderBy(asc(certifications.submittedAt)).limit(500);
