// Funds as their reader may see them: the city and finance every fund, an officer the city's fund
// and their own region's; with the ledger of one fund on request.
import type { Executor } from '../../db/client.ts';
import { findFund, ledgerOf, listFunds as listFundRows } from '../../db/repositories/fund-repository.ts';
import { assertPermission, authorize, readableRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { regionById } from '../../domain/regions.ts';
import { notFound } from '../../domain/errors.ts';
import { presentFund } from './fund-presenter.ts';

export async function listFunds(db: Executor, actor: Actor, filter: { city?: string | undefined; year?: number | undefined }) {
  assertPermission(actor, 'funds.read');
  const region = readableRegion(actor);
  if (region === 'none') return [];
  // An officer: its own city's city-level fund and its region's (funds.city names the programme's city).
  const officerCity = region === null ? undefined : regionById(region)?.city;
  return (await listFundRows(db, { ...filter, regionId: region, officerCity })).map(presentFund);
}

export async function getFund(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'funds.read');
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findFund(db, id) : undefined;
  if (!row) throw notFound('资金不存在', 'id');
  authorize(actor, 'fund.read', { level: row.level, regionId: row.regionId, city: row.city });
  const ledger = await ledgerOf(db, { fundId: row.id });
  return {
    fund: presentFund(row),
    ledger: ledger.map((l) => ({ id: l.id, kind: l.kind, applicationId: l.applicationId, amountFen: l.amountFen, paidOn: l.paidOn, voucher: l.voucher, purpose: l.purpose, clause: l.clause, note: l.note, actorName: l.actorName, at: l.at.toISOString() })),
  };
}
