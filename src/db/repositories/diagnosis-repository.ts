// Diagnoses, their documents, checkpoints and history; yearly quotas; maturity results; the counts
// and conversion figures built from them. Quota use is one conditional statement (`used + 1 <=
// quota`), so no number of concurrent dispatches goes past a quota.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { queryRows } from '../client.ts';
import {
  diagnoses, diagnosisCheckpoints, diagnosisDocuments, diagnosisEvents, diagnosisQuotas, maturityAssessments, maturityEvidence, providerServices, serviceOrgs,
} from '../schema/diagnosis.ts';
import { enterprises } from '../schema/enterprises.ts';
import { updateVersioned } from './versioned.ts';

export type DiagnosisRow = typeof diagnoses.$inferSelect;
export type DiagnosisValues = typeof diagnoses.$inferInsert;
export type DiagnosisDocumentRow = typeof diagnosisDocuments.$inferSelect;
export type CheckpointRow = typeof diagnosisCheckpoints.$inferSelect;
export type MaturityRow = typeof maturityAssessments.$inferSelect;
export type QuotaRow = typeof diagnosisQuotas.$inferSelect;

export async function nextDiagnosisNumber(tx: Executor, prefix: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`diagnosis-number:${prefix}:${year}`}))`);
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from diagnoses where number like ${`ZD-${prefix}-${year}-%`}`);
  return `ZD-${prefix}-${year}-${String((row?.n ?? 0) + 1).padStart(6, '0')}`;
}

export async function insertDiagnosis(tx: Executor, values: DiagnosisValues): Promise<DiagnosisRow> {
  return (await tx.insert(diagnoses).values(values).returning())[0]!;
}

export const findDiagnosis = async (db: Executor, id: string) => (await db.select().from(diagnoses).where(eq(diagnoses.id, id)))[0];
export const lockDiagnosis = async (tx: Executor, id: string) => (await tx.select().from(diagnoses).where(eq(diagnoses.id, id)).for('update'))[0];

export const updateDiagnosis = (tx: Executor, id: string, version: number, set: Partial<DiagnosisValues>) =>
  updateVersioned(tx, diagnoses, id, version, set, '诊断项目');

export interface DiagnosisFilter {
  city?: string | undefined;
  year?: number | undefined;
  status?: string | undefined;
  regionId?: string | undefined;
  enterpriseId?: string | undefined;
  providerId?: string | undefined;
  supervisorId?: string | undefined;
}

function filterSql(f: DiagnosisFilter): SQL | undefined {
  return and(
    f.city ? eq(diagnoses.city, f.city) : undefined,
    f.year ? eq(diagnoses.year, f.year) : undefined,
    f.status ? eq(diagnoses.status, f.status) : undefined,
    f.regionId ? eq(diagnoses.regionId, f.regionId) : undefined,
    f.enterpriseId ? eq(diagnoses.enterpriseId, f.enterpriseId) : undefined,
    f.providerId ? eq(diagnoses.providerId, f.providerId) : undefined,
    f.supervisorId ? eq(diagnoses.supervisorId, f.supervisorId) : undefined,
  );
}

// The provider and the supervisor are both service organisations: two aliases of one table, so a
// list carries their names without reading the whole pool per request.
const providerOrg = alias(serviceOrgs, 'provider_org');
const supervisorOrg = alias(serviceOrgs, 'supervisor_org');

export function listDiagnoses(db: Executor, f: DiagnosisFilter, limit = 2000) {
  return db.select({
    d: diagnoses, enterpriseName: enterprises.name, uscc: enterprises.uscc, industryCode: enterprises.industryCode,
    providerName: providerOrg.name, supervisorName: supervisorOrg.name,
  })
    .from(diagnoses).innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
    .leftJoin(providerOrg, eq(providerOrg.id, diagnoses.providerId))
    .leftJoin(supervisorOrg, eq(supervisorOrg.id, diagnoses.supervisorId))
    .where(filterSql(f)).orderBy(desc(diagnoses.year), asc(diagnoses.number)).limit(limit);
}

export async function insertDiagnosisEvent(tx: Executor, values: typeof diagnosisEvents.$inferInsert): Promise<void> {
  await tx.insert(diagnosisEvents).values(values);
}

export const diagnosisEventsOf = (db: Executor, id: string) =>
  db.select().from(diagnosisEvents).where(eq(diagnosisEvents.diagnosisId, id)).orderBy(asc(diagnosisEvents.id));

export async function insertDiagnosisDocument(tx: Executor, values: typeof diagnosisDocuments.$inferInsert): Promise<DiagnosisDocumentRow> {
  return (await tx.insert(diagnosisDocuments).values(values).returning())[0]!;
}

export const documentsOf = (db: Executor, id: string) =>
  db.select().from(diagnosisDocuments).where(eq(diagnosisDocuments.diagnosisId, id)).orderBy(asc(diagnosisDocuments.uploadedAt));

export const findDiagnosisDocument = async (db: Executor, diagnosisId: string, id: string) =>
  (await db.select().from(diagnosisDocuments).where(and(eq(diagnosisDocuments.id, id), eq(diagnosisDocuments.diagnosisId, diagnosisId))))[0];

export async function insertCheckpoint(tx: Executor, values: typeof diagnosisCheckpoints.$inferInsert): Promise<CheckpointRow> {
  return (await tx.insert(diagnosisCheckpoints).values(values).returning())[0]!;
}

export const checkpointsOf = (db: Executor, id: string) =>
  db.select().from(diagnosisCheckpoints).where(eq(diagnosisCheckpoints.diagnosisId, id)).orderBy(asc(diagnosisCheckpoints.heldAt));

// ---- quotas ----

export const quotaKey = (regionId: string | null) => regionId ?? '';

export async function findQuota(db: Executor, city: string, regionId: string | null, year: number, scope: string): Promise<QuotaRow | undefined> {
  return (await db.select().from(diagnosisQuotas).where(and(
    eq(diagnosisQuotas.city, city), eq(diagnosisQuotas.regionId, quotaKey(regionId)), eq(diagnosisQuotas.year, year), eq(diagnosisQuotas.scope, scope),
  )))[0];
}

/** Sets a quota (creating it); never below what is already used. Undefined when it would be. */
export async function setQuota(tx: Executor, q: { city: string; regionId: string | null; year: number; scope: string; quota: number; clause: string | null }) {
  const rows = await queryRows<{ quota: number; used: number }>(tx, sql`
    insert into diagnosis_quotas (city, region_id, year, scope, quota, used, clause)
    values (${q.city}, ${quotaKey(q.regionId)}, ${q.year}::int, ${q.scope}, ${q.quota}::int, 0, ${q.clause})
    on conflict (city, region_id, year, scope) do update set quota = excluded.quota, clause = excluded.clause
    where diagnosis_quotas.used <= excluded.quota
    returning quota, used`);
  return rows[0];
}

/** The city's quota as the text sets it, created on first use (an officer's later change stands). */
export async function seedQuota(tx: Executor, q: { city: string; regionId: string | null; year: number; scope: string; quota: number; clause: string | null }): Promise<void> {
  await tx.insert(diagnosisQuotas).values({ city: q.city, regionId: quotaKey(q.regionId), year: q.year, scope: q.scope, quota: q.quota, clause: q.clause }).onConflictDoNothing();
}

/** Takes one place of a quota; undefined when none is left (or there is no such quota). */
export async function useQuota(tx: Executor, q: { city: string; regionId: string | null; year: number; scope: string }) {
  const [row] = await tx.update(diagnosisQuotas).set({ used: sql`${diagnosisQuotas.used} + 1` }).where(and(
    eq(diagnosisQuotas.city, q.city), eq(diagnosisQuotas.regionId, quotaKey(q.regionId)), eq(diagnosisQuotas.year, q.year),
    eq(diagnosisQuotas.scope, q.scope), sql`${diagnosisQuotas.used} + 1 <= ${diagnosisQuotas.quota}`,
  )).returning();
  return row;
}

export async function releaseQuota(tx: Executor, q: { city: string; regionId: string | null; year: number; scope: string }): Promise<void> {
  await tx.update(diagnosisQuotas).set({ used: sql`greatest(${diagnosisQuotas.used} - 1, 0)` }).where(and(
    eq(diagnosisQuotas.city, q.city), eq(diagnosisQuotas.regionId, quotaKey(q.regionId)), eq(diagnosisQuotas.year, q.year), eq(diagnosisQuotas.scope, q.scope),
  ));
}

export const listQuotas = (db: Executor, city: string | undefined, year: number | undefined) =>
  db.select().from(diagnosisQuotas).where(and(city ? eq(diagnosisQuotas.city, city) : undefined, year ? eq(diagnosisQuotas.year, year) : undefined))
    .orderBy(asc(diagnosisQuotas.city), asc(diagnosisQuotas.year), asc(diagnosisQuotas.regionId), asc(diagnosisQuotas.scope));

// ---- maturity ----

export async function insertMaturity(tx: Executor, values: typeof maturityAssessments.$inferInsert): Promise<MaturityRow> {
  return (await tx.insert(maturityAssessments).values(values).returning())[0]!;
}

export const findMaturity = async (db: Executor, id: string) => (await db.select().from(maturityAssessments).where(eq(maturityAssessments.id, id)))[0];

export const updateMaturity = (tx: Executor, id: string, version: number, set: Partial<typeof maturityAssessments.$inferInsert>) =>
  updateVersioned(tx, maturityAssessments, id, version, set, '评测');

export const maturityOf = (db: Executor, enterpriseId: string) =>
  db.select().from(maturityAssessments).where(eq(maturityAssessments.enterpriseId, enterpriseId))
    .orderBy(asc(maturityAssessments.assessedOn), asc(maturityAssessments.createdAt));

export const maturityForDiagnoses = (db: Executor, ids: readonly string[]) =>
  ids.length ? db.select().from(maturityAssessments).where(inArray(maturityAssessments.diagnosisId, [...ids])) : Promise.resolve([]);

export async function insertMaturityEvidence(tx: Executor, values: typeof maturityEvidence.$inferInsert) {
  return (await tx.insert(maturityEvidence).values(values).returning())[0]!;
}

export const maturityEvidenceOf = (db: Executor, maturityId: string) =>
  db.select().from(maturityEvidence).where(eq(maturityEvidence.maturityId, maturityId)).orderBy(asc(maturityEvidence.uploadedAt));

export const findMaturityEvidence = async (db: Executor, maturityId: string, id: string) =>
  (await db.select().from(maturityEvidence).where(and(eq(maturityEvidence.id, id), eq(maturityEvidence.maturityId, maturityId))))[0];

// ---- services (苏州 (六)(七)) ----

export async function insertService(tx: Executor, values: typeof providerServices.$inferInsert) {
  return (await tx.insert(providerServices).values(values).returning())[0]!;
}

export function serviceCounts(db: Executor, city: string | undefined, year: number, orgId?: string) {
  return queryRows<{ kind: string; org_id: string; org_name: string; n: number; enterprises: number }>(db, sql`
    select s.kind, s.org_id, o.name as org_name, count(*)::int as n, count(distinct s.enterprise_id)::int as enterprises
    from provider_services s join service_orgs o on o.id = s.org_id
    where s.served_on >= ${`${year}-01-01`}::date and s.served_on <= ${`${year}-12-31`}::date
      ${city ? sql`and o.city = ${city}` : sql``}
      ${orgId ? sql`and s.org_id = ${orgId}::uuid` : sql``}
    group by s.kind, s.org_id, o.name order by s.kind, o.name`);
}

// ---- figures ----

/**
 * 数字画像 counted per region for a year (附件2 核查内容 1): accepted diagnoses whose 合作协议, 采购合同
 * and 诊断报告 are all on file; those lacking one are listed apart, with what they lack.
 */
export function portraitCounts(db: Executor, city: string | undefined, year: number) {
  return queryRows<{ region_id: string; counted: number; incomplete: number; in_progress: number }>(db, sql`
    with docs as (
      select d.id, d.region_id, d.status,
        count(distinct k.kind) filter (where k.kind in ('agreement', 'contract', 'report')) as kinds
      from diagnoses d left join diagnosis_documents k on k.diagnosis_id = d.id
      where d.year = ${year}::int ${city ? sql`and d.city = ${city}` : sql``}
      group by d.id, d.region_id, d.status)
    select region_id,
      count(*) filter (where status in ('accepted', 'paid') and kinds = 3)::int as counted,
      count(*) filter (where status in ('accepted', 'paid') and kinds < 3)::int as incomplete,
      count(*) filter (where status not in ('accepted', 'paid', 'cancelled'))::int as in_progress
    from docs group by region_id order by region_id`);
}

/**
 * For each accepted diagnosis, whether the enterprise submitted a retrofit application within
 * `months` after acceptance, and whether one was approved: the rows 诊改联动 is computed from. The
 * application's date is its business date (`evaluated_on`, re-set at submission), the calendar
 * acceptance is on, so a demo or training system on a configured date measures the same way.
 */
export function conversionRows(db: Executor, f: { city?: string | undefined; year?: number | undefined; regionId?: string | undefined; providerId?: string | undefined }, measures: readonly string[], months: number) {
  return queryRows<{ id: string; year: number; region_id: string; provider_id: string | null; provider_name: string | null; accepted_on: string; applied: boolean; funded: boolean }>(db, sql`
    select d.id, d.year, d.region_id, d.provider_id, o.name as provider_name, d.accepted_on::text,
      exists (select 1 from applications a where a.enterprise_id = d.enterprise_id and a.submitted_at is not null
        and (a.policy_id || '/' || a.measure_id) = any(${`{${measures.join(',')}}`}::text[])
        and a.evaluated_on between d.accepted_on and (d.accepted_on + make_interval(months => ${months}::int))::date) as applied,
      exists (select 1 from applications a where a.enterprise_id = d.enterprise_id and a.status = 'approved'
        and (a.policy_id || '/' || a.measure_id) = any(${`{${measures.join(',')}}`}::text[])
        and a.evaluated_on between d.accepted_on and (d.accepted_on + make_interval(months => ${months}::int))::date) as funded
    from diagnoses d left join service_orgs o on o.id = d.provider_id
    where d.status in ('accepted', 'paid') and d.accepted_on is not null
      ${f.city ? sql`and d.city = ${f.city}` : sql``}
      ${f.year ? sql`and d.year = ${f.year}::int` : sql``}
      ${f.regionId ? sql`and d.region_id = ${f.regionId}` : sql``}
      ${f.providerId ? sql`and d.provider_id = ${f.providerId}::uuid` : sql``}
    order by d.accepted_on`);
}

/** Per provider: what its scorecard is computed from. */
export function providerFigures(db: Executor, city: string | undefined, year: number | undefined) {
  return queryRows<{ provider_id: string; total: number; finished: number; on_time: number; satisfaction_sum: number; rated: number; issues: number; stops: number }>(db, sql`
    select d.provider_id, count(*)::int as total,
      count(*) filter (where d.reported_on is not null)::int as finished,
      count(*) filter (where d.reported_on is not null and d.due_on is not null and d.reported_on <= d.due_on)::int as on_time,
      coalesce(sum(d.satisfaction), 0)::int as satisfaction_sum, count(d.satisfaction)::int as rated,
      coalesce(sum((select count(*) from diagnosis_checkpoints c where c.diagnosis_id = d.id and c.finding = 'issue')), 0)::int as issues,
      coalesce(sum((select count(*) from diagnosis_checkpoints c where c.diagnosis_id = d.id and c.finding = 'stop')), 0)::int as stops
    from diagnoses d
    where d.provider_id is not null and d.status <> 'cancelled'
      ${city ? sql`and d.city = ${city}` : sql``}
      ${year ? sql`and d.year = ${year}::int` : sql``}
    group by d.provider_id`);
}

/** The providers that have worked on an enterprise's diagnoses (signed or later), with their USCC. */
export function providersOfEnterprise(db: Executor, enterpriseId: string) {
  return queryRows<{ id: string; number: string; provider_id: string; uscc: string }>(db, sql`
    select d.id, d.number, d.provider_id, o.uscc from diagnoses d join service_orgs o on o.id = d.provider_id
    where d.enterprise_id = ${enterpriseId}::uuid and d.status not in ('requested', 'dispatched', 'cancelled')`);
}
