// Funds, commitments and payments. Every decision about money is one conditional statement:
// a commitment `… SET committed = committed + x WHERE committed + x <= budget`, a payment
// `… WHERE disbursed + x <= committed`, a yearly cap `… WHERE used + x <= cap`. No row is read
// and then written in JavaScript, so no number of concurrent approvals over-commits a fund
// (the CHECK constraints on the tables are the backstop).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../client.ts';
import { enterpriseCaps, fundLedger, funds } from '../schema/funds.ts';
import { updateVersioned } from './versioned.ts';

export type FundRow = typeof funds.$inferSelect;
export type LedgerRow = typeof fundLedger.$inferSelect;

/** Inserts unless the city already has a fund at that level for the year; undefined then. */
export async function insertFund(db: Executor, values: typeof funds.$inferInsert): Promise<FundRow | undefined> {
  const [row] = await db.insert(funds).values(values).onConflictDoNothing().returning();
  return row;
}

export const findFund = async (db: Executor, id: string) => (await db.select().from(funds).where(eq(funds.id, id)))[0];

export function listFunds(db: Executor, filter: { city?: string | undefined; year?: number | undefined; regionId?: string | null | undefined; officerCity?: string | undefined }) {
  const conds: (SQL | undefined)[] = [];
  if (filter.city) conds.push(eq(funds.city, filter.city));
  if (filter.year) conds.push(eq(funds.year, filter.year));
  // An officer sees its own city's city-level fund and its own region's.
  if (filter.regionId) conds.push(sql`((${funds.level} = 'city' and ${funds.city} = ${filter.officerCity ?? ''}) or ${funds.regionId} = ${filter.regionId})`);
  return db.select().from(funds).where(and(...conds)).orderBy(desc(funds.year), asc(funds.city), asc(funds.level), asc(funds.regionId));
}

/** The fund that pays `measureKey` at a level: one listing the measure, else the level's general fund. */
export async function fundFor(db: Executor, q: { city: string; year: number; level: 'city' | 'county'; regionId: string | null; measureKey: string }): Promise<FundRow | undefined> {
  const rows = await db.select().from(funds).where(and(
    eq(funds.city, q.city), eq(funds.year, q.year), eq(funds.level, q.level),
    q.regionId ? eq(funds.regionId, q.regionId) : sql`${funds.regionId} is null`,
    sql`(${funds.measures} = '{}' or ${q.measureKey} = any(${funds.measures}))`,
  ));
  return rows[0];
}

export const setFundBudget = (tx: Executor, id: string, version: number, budgetFen: number, measures: string[], name: string) =>
  updateVersioned(tx, funds, id, version, { budgetFen, measures, name }, '资金');

/** Commits `amount` if the budget still holds it; undefined when it does not (nothing changed). */
export async function commitFunds(tx: Executor, fundId: string, amount: number): Promise<FundRow | undefined> {
  const [row] = await tx.update(funds)
    .set({ committedFen: sql`${funds.committedFen} + ${amount}` })
    .where(and(eq(funds.id, fundId), sql`${funds.committedFen} + ${amount} <= ${funds.budgetFen}`))
    .returning();
  return row;
}

/**
 * Commits `amount` from the fund of a level that pays `measureKey` and writes its ledger row, in
 * one statement: the fund row — which every approval of the year waits on — is held for one round
 * trip less. No row back when there is no such fund or its budget cannot hold the amount (nothing
 * changed either way).
 */
export async function commitToFundFor(
  tx: Executor, q: { city: string; year: number; level: 'city' | 'county'; regionId: string | null; measureKey: string }, amount: number,
  ledger: { applicationId?: string; diagnosisId?: string; payee?: 'provider' | 'supervisor'; clause: string; note: string; actorName: string },
): Promise<{ id: string } | undefined> {
  const [row] = await queryRows<{ id: string }>(tx, sql`
    with committed as (
      update funds set committed_fen = committed_fen + ${amount}::bigint
      where city = ${q.city} and year = ${q.year}::int and level = ${q.level} and coalesce(region_id, '') = ${q.regionId ?? ''}
        and (measures = '{}' or ${q.measureKey} = any(measures)) and committed_fen + ${amount}::bigint <= budget_fen
      returning id)
    insert into fund_ledger (fund_id, application_id, diagnosis_id, payee, kind, amount_fen, clause, note, actor_name)
    select id, ${ledger.applicationId ?? null}::uuid, ${ledger.diagnosisId ?? null}::uuid, ${ledger.payee ?? null}, 'commit', ${amount}::bigint, ${ledger.clause}, ${ledger.note}, ${ledger.actorName} from committed
    returning fund_id as id`);
  return row;
}

/** Returns commitment that will not be paid (a failed 验收), never below what was paid out. */
export async function releaseFunds(tx: Executor, fundId: string, amount: number): Promise<FundRow | undefined> {
  const [row] = await tx.update(funds)
    .set({ committedFen: sql`${funds.committedFen} - ${amount}` })
    .where(and(eq(funds.id, fundId), sql`${funds.committedFen} - ${amount} >= ${funds.disbursedFen}`))
    .returning();
  return row;
}

export async function disburseFunds(tx: Executor, fundId: string, amount: number): Promise<FundRow | undefined> {
  const [row] = await tx.update(funds)
    .set({ disbursedFen: sql`${funds.disbursedFen} + ${amount}` })
    .where(and(eq(funds.id, fundId), sql`${funds.disbursedFen} + ${amount} <= ${funds.committedFen}`))
    .returning();
  return row;
}

/** Money paid back (追回) returns to the fund: paid and committed both go down. */
export async function reclaimFunds(tx: Executor, fundId: string, amount: number): Promise<FundRow | undefined> {
  const [row] = await tx.update(funds)
    .set({ disbursedFen: sql`${funds.disbursedFen} - ${amount}`, committedFen: sql`${funds.committedFen} - ${amount}` })
    .where(and(eq(funds.id, fundId), sql`${funds.disbursedFen} >= ${amount}`))
    .returning();
  return row;
}

export async function appendLedger(tx: Executor, values: typeof fundLedger.$inferInsert): Promise<LedgerRow> {
  return (await tx.insert(fundLedger).values(values).returning())[0]!;
}

export function ledgerOf(db: Executor, filter: { fundId?: string; applicationId?: string; diagnosisId?: string; kind?: string; limit?: number }) {
  const conds: (SQL | undefined)[] = [];
  if (filter.diagnosisId) conds.push(eq(fundLedger.diagnosisId, filter.diagnosisId));
  if (filter.fundId) conds.push(eq(fundLedger.fundId, filter.fundId));
  if (filter.applicationId) conds.push(eq(fundLedger.applicationId, filter.applicationId));
  if (filter.kind) conds.push(eq(fundLedger.kind, filter.kind));
  return db.select().from(fundLedger).where(and(...conds)).orderBy(asc(fundLedger.id)).limit(filter.limit ?? 10_000);
}

/** Net paid out of each fund for one application (拨付 − 追回). */
export async function paidByFund(db: Executor, applicationId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ fund_id: string; net: string }>(db, sql`
    select fund_id, sum(case kind when 'disburse' then amount_fen when 'reclaim' then -amount_fen else 0 end)::text as net
    from fund_ledger where application_id = ${applicationId} group by fund_id`);
  return new Map(rows.map((r) => [r.fund_id, Number(r.net)]));
}

/**
 * Uses `amount` of an enterprise's yearly cap in one statement: the first use creates the row.
 * Undefined when the cap would be exceeded.
 */
export async function useYearlyCap(tx: Executor, q: { enterpriseId: string; capKey: string; year: number; capFen: number; amount: number }) {
  const rows = await queryRows<{ used_fen: string }>(tx, sql`
    insert into enterprise_caps (enterprise_id, cap_key, year, cap_fen, used_fen)
    select ${q.enterpriseId}::uuid, ${q.capKey}, ${q.year}::int, ${q.capFen}::bigint, ${q.amount}::bigint where ${q.amount}::bigint <= ${q.capFen}::bigint
    on conflict (enterprise_id, cap_key, year) do update set used_fen = enterprise_caps.used_fen + excluded.used_fen
    where enterprise_caps.used_fen + excluded.used_fen <= enterprise_caps.cap_fen
    returning used_fen::text`);
  return rows[0] ? Number(rows[0].used_fen) : undefined;
}

export async function releaseYearlyCap(tx: Executor, q: { enterpriseId: string; capKey: string; year: number; amount: number }): Promise<void> {
  await tx.update(enterpriseCaps).set({ usedFen: sql`greatest(${enterpriseCaps.usedFen} - ${q.amount}, 0)` })
    .where(and(eq(enterpriseCaps.enterpriseId, q.enterpriseId), eq(enterpriseCaps.capKey, q.capKey), eq(enterpriseCaps.year, q.year)));
}

export async function yearlyCapUsed(db: Executor, enterpriseId: string, capKey: string, year: number): Promise<number> {
  const [row] = await db.select({ used: enterpriseCaps.usedFen }).from(enterpriseCaps)
    .where(and(eq(enterpriseCaps.enterpriseId, enterpriseId), eq(enterpriseCaps.capKey, capKey), eq(enterpriseCaps.year, year)));
  return row?.used ?? 0;
}

/** Per-fund totals for reports, with the approved applications it pays. */
export function fundUse(db: Executor, filter: { city?: string | undefined; year?: number | undefined; regionId?: string | null | undefined }) {
  return listFunds(db, filter);
}

/** One row per payment or reclaim, with its application, enterprise and fund: the finance bureau's ledger layout. */
export function paymentRows(db: Executor, filter: { city?: string | undefined; year?: number | undefined; regionId?: string | null | undefined }) {
  return queryRows<{
    id: number; kind: string; amount_fen: string; paid_on: string; voucher: string; purpose: string | null; clause: string | null; actor_name: string;
    fund_name: string; fund_level: string; number: string; enterprise_name: string; uscc: string; region_id: string; measure_id: string; title: string; approved_fen: string | null;
  }>(db, sql`
    select l.id, l.kind, l.amount_fen::text, l.paid_on::text, l.voucher, l.purpose, l.clause, l.actor_name,
      f.name as fund_name, f.level as fund_level, a.number, e.name as enterprise_name, e.uscc, a.region_id, a.measure_id, a.title, a.approved_fen::text
    from fund_ledger l
    join funds f on f.id = l.fund_id
    join applications a on a.id = l.application_id
    join enterprises e on e.id = a.enterprise_id
    where l.kind in ('disburse', 'reclaim')
      ${filter.city ? sql`and f.city = ${filter.city}` : sql``}
      ${filter.year ? sql`and f.year = ${filter.year}` : sql``}
      ${filter.regionId ? sql`and a.region_id = ${filter.regionId}` : sql``}
    order by l.paid_on, l.id
    limit 100000`);
}

/** Applications counted by status, measure, region and month submitted, for reports and the dashboard. */
export function applicationCounts(db: Executor, filter: { city?: string | undefined; year?: number | undefined; regionId?: string | null | undefined }) {
  return queryRows<{ status: string; policy_id: string; measure_id: string; region_id: string; month: string | null; n: number; approved_fen: string; disbursed_fen: string }>(db, sql`
    select status, policy_id, measure_id, region_id, to_char(submitted_on, 'YYYY-MM') as month,
      count(*)::int as n, coalesce(sum(approved_fen), 0)::text as approved_fen, coalesce(sum(disbursed_fen - reclaimed_fen), 0)::text as disbursed_fen
    from applications
    where true
      ${filter.city ? sql`and city = ${filter.city}` : sql``}
      ${filter.year ? sql`and year = ${filter.year}` : sql``}
      ${filter.regionId ? sql`and region_id = ${filter.regionId}` : sql``}
    group by status, policy_id, measure_id, region_id, month
    order by region_id, measure_id, month`);
}
