// A budget change, on the version the editor saw. A budget below what is already committed is
// refused by the table's CHECK; the message says how much is committed.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { appendLedger, findFund, setFundBudget } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentFund } from './fund-presenter.ts';
import { updateFundSchema } from './fund-input.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function updateFund(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'funds.manage');
  const input = parseOrThrow(updateFundSchema, raw);
  return db.transaction(async (tx) => {
    const before = UUID.test(id) ? await findFund(tx, id) : undefined;
    if (!before) throw notFound('资金不存在', 'id');
    if (input.budgetFen < before.committedFen) {
      throw invalid('budgetFen', `预算不能低于已占用的 ${formatFen(before.committedFen)}(已批准项目的承诺)`);
    }
    const row = await setFundBudget(tx, id, input.version, input.budgetFen, input.measures ?? before.measures, input.name ?? before.name);
    if (row.budgetFen !== before.budgetFen) {
      await appendLedger(tx, { fundId: id, kind: 'budget', amountFen: row.budgetFen - before.budgetFen, note: `预算调整为 ${formatFen(row.budgetFen)}`, actorName: actor.displayName ?? actor.name });
    }
    const view = presentFund(row);
    await appendAudit(tx, actor, { action: 'update', entity: 'fund', entityId: id, before: presentFund(before), after: view });
    return view;
  });
}
