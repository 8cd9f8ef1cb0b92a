// The finance bureau or the city sets up a year's fund at a level. A budget below the text's floor
// (扬州: 市级 1亿元, 县区 3000万元) is accepted and flagged, not refused: the text binds the
// government that sets the budget, and the platform must still record what was set.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { appendLedger, insertFund } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentFund } from './fund-presenter.ts';
import { createFundSchema } from './fund-input.ts';

export async function createFund(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'funds.manage');
  const input = parseOrThrow(createFundSchema, raw);
  const region = input.regionId ? regionById(input.regionId) : undefined;
  if (input.level === 'county') {
    if (!region || region.level === 'city') throw invalid('regionId', '县级资金须指定县(市、区)或功能区 regionId');
    if (region.city !== input.city) throw invalid('regionId', `${region.name}不属于${input.city === 'yangzhou' ? '扬州市' : '苏州市'}`);
  } else if (input.regionId) throw invalid('regionId', '市级资金不指定地区');
  const cityName = input.city === 'yangzhou' ? '扬州市' : '苏州市';
  const name = input.name ?? `${input.year}年${input.level === 'city' ? cityName : region!.name}智改数转专项资金`;
  return db.transaction(async (tx) => {
    const row = await insertFund(tx, {
      city: input.city, year: input.year, level: input.level, regionId: input.regionId ?? null, name, budgetFen: input.budgetFen,
      measures: input.measures, createdBy: actor.displayName ?? actor.name,
    });
    if (!row) throw conflict(`${name.replace(/智改数转专项资金$/, '')}该年度的${input.level === 'city' ? '市级' : '县级'}资金已设立,请修改其预算`, 'year');
    await appendLedger(tx, { fundId: row.id, kind: 'budget', amountFen: row.budgetFen, note: '设立年度资金', actorName: actor.displayName ?? actor.name });
    const view = presentFund(row);
    await appendAudit(tx, actor, { action: 'create', entity: 'fund', entityId: row.id, after: view });
    return view;
  });
}
