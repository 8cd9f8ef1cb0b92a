// Reports of the money path: applications by status, measure, region and month; fund use against
// budget per fund and level; the payments ledger as Excel. An officer's reports cover their region.
import type { Executor } from '../../db/client.ts';
import { applicationCounts, listFunds, paymentRows } from '../../db/repositories/fund-repository.ts';
import { assertPermission, readableRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { findMeasure, findPolicy } from '../../domain/policy/find.ts';
import { regionById } from '../../domain/regions.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { paymentsWorkbook } from '../../reports/funds/payments-workbook.ts';
import { recordExport } from '../audit/record-export.ts';
import { presentFund } from './fund-presenter.ts';

export interface ReportFilter {
  city?: string | undefined;
  year?: number | undefined;
}

function scope(actor: Actor): string | null | 'none' {
  return readableRegion(actor);
}

const measureTitle = (policyId: string, measureId: string) => {
  try {
    return findMeasure(findPolicy(policyLibrary(), policyId), measureId).title;
  } catch {
    return measureId;
  }
};

export async function applicationsReport(db: Executor, actor: Actor, filter: ReportFilter) {
  assertPermission(actor, 'funds.read');
  const region = scope(actor);
  if (region === 'none') return { byStatus: [], byMeasure: [], byRegion: [], byMonth: [], funds: [] };
  const rows = await applicationCounts(db, { ...filter, regionId: region });
  const group = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
    const m = new Map<K, { count: number; approvedFen: number; disbursedFen: number }>();
    for (const r of rows) {
      const g = m.get(key(r)) ?? { count: 0, approvedFen: 0, disbursedFen: 0 };
      g.count += r.n;
      g.approvedFen += Number(r.approved_fen);
      g.disbursedFen += Number(r.disbursed_fen);
      m.set(key(r), g);
    }
    return [...m].map(([k, v]) => ({ key: k, ...v }));
  };
  const funds = (await listFunds(db, { ...filter, regionId: region })).map(presentFund);
  return {
    byStatus: group((r) => r.status),
    byMeasure: group((r) => `${r.policy_id}/${r.measure_id}`).map((g) => ({ ...g, title: measureTitle(g.key.split('/')[0]!, g.key.split('/')[1]!) })),
    byRegion: group((r) => r.region_id).map((g) => ({ ...g, regionName: regionById(g.key)?.name ?? g.key })),
    byMonth: group((r) => r.month ?? '未提交').sort((a, b) => a.key.localeCompare(b.key)),
    funds,
  };
}

export async function paymentsExport(db: Executor, actor: Actor, filter: ReportFilter): Promise<Buffer> {
  assertPermission(actor, 'funds.read');
  const region = scope(actor);
  const rows = region === 'none' ? [] : await paymentRows(db, { ...filter, regionId: region });
  const title = `${filter.year ?? ''}${filter.year ? '年' : ''}${filter.city === 'suzhou' ? '苏州市' : filter.city === 'yangzhou' ? '扬州市' : ''}智改数转资金拨付台账`;
  // The ledger names enterprises and the officers who paid: its export is recorded (API and CLI alike).
  await recordExport(db, actor, { entity: 'payments', scope: { city: filter.city, year: filter.year, regionId: region === 'none' ? undefined : region }, rows: rows.length });
  return paymentsWorkbook(title, rows.map((r) => ({
    paidOn: r.paid_on, voucher: r.voucher, kind: r.kind as 'disburse' | 'reclaim', purpose: r.purpose, fundName: r.fund_name, fundLevel: r.fund_level,
    number: r.number, enterpriseName: r.enterprise_name, uscc: r.uscc, regionName: regionById(r.region_id)?.name ?? r.region_id,
    measureTitle: r.title, clause: r.clause ?? '', approvedFen: r.approved_fen === null ? null : Number(r.approved_fen), amountFen: Number(r.amount_fen), actorName: r.actor_name,
  })));
}
