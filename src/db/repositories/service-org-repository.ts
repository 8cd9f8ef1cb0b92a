// The provider pool: service organisations, their history and their admission objections.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../client.ts';
import { serviceOrgEvents, serviceOrgObjections, serviceOrgs } from '../schema/diagnosis.ts';
import { updateVersioned } from './versioned.ts';

export type ServiceOrgRow = typeof serviceOrgs.$inferSelect;
export type ServiceOrgValues = typeof serviceOrgs.$inferInsert;
export type OrgObjectionRow = typeof serviceOrgObjections.$inferSelect;

/** Undefined when the city's pool already has this USCC for the kind (registered once per city). */
export async function insertServiceOrg(db: Executor, values: ServiceOrgValues): Promise<ServiceOrgRow | undefined> {
  const [row] = await db.insert(serviceOrgs).values(values).onConflictDoNothing().returning();
  return row;
}

export const findServiceOrg = async (db: Executor, id: string) => (await db.select().from(serviceOrgs).where(eq(serviceOrgs.id, id)))[0];

export const lockServiceOrg = async (tx: Executor, id: string) =>
  (await tx.select().from(serviceOrgs).where(eq(serviceOrgs.id, id)).for('update'))[0];

export const updateServiceOrg = (tx: Executor, id: string, version: number, set: Partial<ServiceOrgValues>) =>
  updateVersioned(tx, serviceOrgs, id, version, set, '服务机构');

export interface OrgFilter {
  city?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  regionId?: string | undefined;
  /** In the pool: admitted and neither suspended nor removed. */
  active?: boolean | undefined;
}

export function listServiceOrgs(db: Executor, f: OrgFilter) {
  const conds: (SQL | undefined)[] = [
    f.city ? eq(serviceOrgs.city, f.city) : undefined,
    f.kind ? eq(serviceOrgs.kind, f.kind) : undefined,
    f.status ? eq(serviceOrgs.status, f.status) : undefined,
    f.regionId ? eq(serviceOrgs.regionId, f.regionId) : undefined,
    f.active ? sql`${serviceOrgs.status} = 'approved' and ${serviceOrgs.standing} not in ('suspended', 'removed')` : undefined,
  ];
  return db.select().from(serviceOrgs).where(and(...conds)).orderBy(asc(serviceOrgs.city), asc(serviceOrgs.kind), asc(serviceOrgs.name)).limit(5000);
}

export async function appendOrgEvent(tx: Executor, values: typeof serviceOrgEvents.$inferInsert): Promise<void> {
  await tx.insert(serviceOrgEvents).values(values);
}

export const orgEvents = (db: Executor, orgId: string) =>
  db.select().from(serviceOrgEvents).where(eq(serviceOrgEvents.orgId, orgId)).orderBy(asc(serviceOrgEvents.id));

export async function insertOrgObjection(tx: Executor, values: typeof serviceOrgObjections.$inferInsert): Promise<OrgObjectionRow> {
  return (await tx.insert(serviceOrgObjections).values(values).returning())[0]!;
}

export const orgObjections = (db: Executor, orgId: string) =>
  db.select().from(serviceOrgObjections).where(eq(serviceOrgObjections.orgId, orgId)).orderBy(asc(serviceOrgObjections.receivedOn));

/** Settles an open objection; undefined when it is not open (any more). */
export async function resolveOrgObjection(tx: Executor, orgId: string, id: string, status: 'upheld' | 'dismissed', resolution: string) {
  const [row] = await tx.update(serviceOrgObjections).set({ status, resolution })
    .where(and(eq(serviceOrgObjections.id, id), eq(serviceOrgObjections.orgId, orgId), eq(serviceOrgObjections.status, 'open'))).returning();
  return row;
}

export async function openOrgObjections(db: Executor, orgId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from service_org_objections where org_id = ${orgId}::uuid and status = 'open'`);
  return row?.n ?? 0;
}

/** Organisations whose admission 公示 ended before `today`: the timer closes them. */
export async function admissionsDue(db: Executor, today: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from service_orgs where status = 'in_publicity' and publicity_ends_on < ${today}::date`);
  return rows.map((r) => r.id);
}

/** Diagnoses each organisation is working on now (dispatched, not yet reported): its load. */
export async function activeLoads(db: Executor, orgIds: readonly string[]): Promise<Map<string, number>> {
  if (!orgIds.length) return new Map();
  const rows = await queryRows<{ provider_id: string; n: number }>(db, sql`
    select provider_id, count(*)::int as n from diagnoses
    where provider_id = any(${`{${orgIds.join(',')}}`}::uuid[]) and status in ('dispatched', 'contracted', 'on_site')
    group by provider_id`);
  return new Map(rows.map((r) => [r.provider_id, r.n]));
}
