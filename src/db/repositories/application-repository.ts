// SQL of applications, their history, evidence and review chains. Workflow steps lock the
// application row (`FOR UPDATE`) for the length of their transaction, so two reviewers acting at
// once are ordered and the second sees the first's result.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../client.ts';
import { applicationEvents, applicationEvidence, applications, reviewChains, storedFiles } from '../schema/applications.ts';
import { enterprises } from '../schema/enterprises.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationValues = typeof applications.$inferInsert;
export type EventRow = typeof applicationEvents.$inferSelect;
export type EvidenceRow = typeof applicationEvidence.$inferSelect;
export type ChainRow = typeof reviewChains.$inferSelect;

export async function insertApplication(db: Executor, values: ApplicationValues): Promise<ApplicationRow> {
  return (await db.insert(applications).values(values).returning())[0]!;
}

/** The next number of a city's year: YZ-2023-000001. Serialised by a transaction-scoped advisory lock. */
export async function nextApplicationNumber(tx: Executor, prefix: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`application-number:${prefix}:${year}`}))`);
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from applications where number like ${`${prefix}-${year}-%`}`);
  return `${prefix}-${year}-${String((row?.n ?? 0) + 1).padStart(6, '0')}`;
}

export const findApplication = async (db: Executor, id: string) =>
  (await db.select().from(applications).where(eq(applications.id, id)))[0];

export const lockApplication = async (tx: Executor, id: string) =>
  (await tx.select().from(applications).where(eq(applications.id, id)).for('update'))[0];

/** The locked application with its open 公示 objections counted in the same round trip (approval). */
export async function lockApplicationCountingObjections(tx: Executor, id: string): Promise<(ApplicationRow & { openObjections: number }) | undefined> {
  const [row] = await tx.select({
    app: applications,
    // Spelled out: inside a sql template Drizzle renders ${applications.id} as a bare "id" (o.id here).
    open: sql<number>`(select count(*)::int from objections o where o.application_id = "applications"."id" and o.status = 'open')`,
  }).from(applications).where(eq(applications.id, id)).for('update', { of: applications });
  return row ? { ...row.app, openObjections: Number(row.open) } : undefined;
}

/** Writes the application's new state if it is still at `version`; undefined when someone acted first. */
export async function updateApplication(tx: Executor, id: string, version: number, set: Partial<ApplicationValues>): Promise<ApplicationRow | undefined> {
  const [row] = await tx.update(applications)
    .set({ ...set, version: sql`${applications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(applications.id, id), eq(applications.version, version)))
    .returning();
  return row;
}

export async function insertEvent(tx: Executor, values: typeof applicationEvents.$inferInsert): Promise<void> {
  await tx.insert(applicationEvents).values(values);
}

export const eventsOf = (db: Executor, applicationId: string) =>
  db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.id));

export interface ApplicationFilter {
  /** The reader's scope: null all, a region, an enterprise. */
  regionId?: string | null;
  enterpriseId?: string | null;
  status?: string[] | undefined;
  policyId?: string | undefined;
  measureId?: string | undefined;
  year?: number | undefined;
  /** Only applications waiting on a step of this role (the reviewer's queue), optionally in a region. */
  waitingOnRole?: string | undefined;
  q?: string | undefined;
}

function filterSql(f: ApplicationFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.regionId) conds.push(eq(applications.regionId, f.regionId));
  if (f.enterpriseId) conds.push(eq(applications.enterpriseId, f.enterpriseId));
  if (f.status?.length) conds.push(inArray(applications.status, f.status));
  if (f.policyId) conds.push(eq(applications.policyId, f.policyId));
  if (f.measureId) conds.push(eq(applications.measureId, f.measureId));
  if (f.year) conds.push(eq(applications.year, f.year));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${applications.number} ilike ${like}`, sql`${applications.title} ilike ${like}`, sql`${enterprises.name} ilike ${like}`));
  }
  if (f.waitingOnRole) {
    // The current step's role, read from the chain definition the application is pinned to.
    // In review only: an application in 公示 waits for its period to end, not for anyone to act.
    conds.push(sql`${applications.status} = 'in_review' and exists (
      select 1 from review_chains c where c.id = "applications"."chain_id"
        and c.definition->'steps'->"applications"."step_index"->>'role' = ${f.waitingOnRole})`);
  }
  return and(...conds);
}

export async function listApplications(db: Executor, f: ApplicationFilter, page: number, pageSize: number) {
  const where = filterSql(f);
  const rows = await db.select({ application: applications, enterpriseName: enterprises.name, uscc: enterprises.uscc })
    .from(applications).innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId))
    .where(where).orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(pageSize).offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(applications).innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId)).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Rows for reports, filtered like the list, without paging (bounded by the caller's filter). */
export const reportRows = (db: Executor, f: ApplicationFilter) =>
  db.select({ application: applications, enterpriseName: enterprises.name, uscc: enterprises.uscc })
    .from(applications).innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId))
    .where(filterSql(f)).orderBy(asc(applications.number)).limit(100_000);

// ---- evidence ----

export async function upsertStoredFile(db: Executor, file: { sha256: string; size: number; mime: string; ext: string }): Promise<void> {
  await db.insert(storedFiles).values(file).onConflictDoNothing();
}

export const findStoredFile = async (db: Executor, sha256: string) =>
  (await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256)))[0];

export async function insertEvidence(db: Executor, values: typeof applicationEvidence.$inferInsert): Promise<EvidenceRow> {
  return (await db.insert(applicationEvidence).values(values).returning())[0]!;
}

export const evidenceOf = (db: Executor, applicationId: string) =>
  db.select().from(applicationEvidence).where(eq(applicationEvidence.applicationId, applicationId)).orderBy(asc(applicationEvidence.uploadedAt));

export const findEvidence = async (db: Executor, applicationId: string, id: string) =>
  (await db.select().from(applicationEvidence).where(and(eq(applicationEvidence.id, id), eq(applicationEvidence.applicationId, applicationId))))[0];

export async function updateEvidence(db: Executor, id: string, set: Partial<typeof applicationEvidence.$inferInsert>): Promise<EvidenceRow> {
  return (await db.update(applicationEvidence).set(set).where(eq(applicationEvidence.id, id)).returning())[0]!;
}

/**
 * 比对查重: the same file (same SHA-256) offered in other applications — of any enterprise, fund or
 * year — for the files of `applicationId`.
 */
export async function duplicateFiles(db: Executor, applicationId: string) {
  return queryRows<{ sha256: string; file_name: string; other_id: string; other_number: string; other_enterprise: string; other_year: number; other_measure: string }>(db, sql`
    select e.sha256, e.file_name, a.id as other_id, a.number as other_number, ent.name as other_enterprise, a.year as other_year, a.measure_id as other_measure
    from application_evidence mine
    join application_evidence e on e.sha256 = mine.sha256 and e.application_id <> mine.application_id and not e.removed
    join applications a on a.id = e.application_id
    join enterprises ent on ent.id = a.enterprise_id
    where mine.application_id = ${applicationId} and not mine.removed
    order by a.number`);
}

/** May `who` read the file `sha256`: it is evidence of an application `readable` accepts. */
export const applicationsWithFile = (db: Executor, sha256: string) =>
  db.select({ application: applications }).from(applicationEvidence)
    .innerJoin(applications, eq(applications.id, applicationEvidence.applicationId))
    .where(eq(applicationEvidence.sha256, sha256));

// ---- review chains ----

/** The newest chain version for the measure in the year, else the policy's, else none. */
export async function currentChain(db: Executor, policyId: string, measureId: string, year: number): Promise<ChainRow | undefined> {
  const rows = await db.select().from(reviewChains)
    .where(and(eq(reviewChains.policyId, policyId), eq(reviewChains.year, year), or(eq(reviewChains.measureId, measureId), isNull(reviewChains.measureId))))
    .orderBy(sql`${reviewChains.measureId} is null`, desc(reviewChains.version)).limit(1);
  return rows[0];
}

export const findChain = async (db: Executor, id: string) => (await db.select().from(reviewChains).where(eq(reviewChains.id, id)))[0];

export async function insertChainVersion(tx: Executor, values: Omit<typeof reviewChains.$inferInsert, 'version'>): Promise<ChainRow> {
  // The next version in one statement; the unique index refuses a concurrent duplicate.
  const [row] = await queryRows<ChainRow>(tx, sql`
    insert into review_chains (policy_id, measure_id, year, version, definition, created_by)
    select ${values.policyId}, ${values.measureId ?? null}, ${values.year},
      coalesce(max(version), 0) + 1, ${JSON.stringify(values.definition)}::jsonb, ${values.createdBy}
    from review_chains where policy_id = ${values.policyId} and coalesce(measure_id, '') = ${values.measureId ?? ''} and year = ${values.year}
    returning id, policy_id as "policyId", measure_id as "measureId", year, version, definition, created_by as "createdBy", created_at as "createdAt"`);
  // Raw rows carry timestamps as text on one driver and Date on the other.
  return { ...row!, createdAt: new Date(row!.createdAt) };
}

export const listChains = (db: Executor, policyId?: string) =>
  db.select().from(reviewChains).where(policyId ? eq(reviewChains.policyId, policyId) : undefined)
    .orderBy(asc(reviewChains.policyId), desc(reviewChains.year), asc(reviewChains.measureId), desc(reviewChains.version));
