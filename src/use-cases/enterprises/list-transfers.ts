import type { Executor } from '../../db/client.ts';
import { listTransfers as listTransferRows } from '../../db/repositories/enterprise-transfer-repository.ts';
import { assertPermission, can, readableRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentTransfer } from './transfer-presenter.ts';

/** The city sees every request; an officer those into or out of their region. */
export async function listTransfers(db: Executor, actor: Actor, status?: string) {
  assertPermission(actor, 'enterprises.transfers.read');
  const region = readableRegion(actor);
  if (region === 'none') return [];
  const rows = await listTransferRows(db, { regionId: region, status });
  return rows.map((r) => presentTransfer(r.transfer, {
    uscc: r.uscc,
    // Until the enterprise is theirs, the requesting officer learns nothing more of it.
    enterpriseName: can(actor, 'enterprise.read', { id: r.transfer.enterpriseId, regionId: r.currentRegionId }) ? r.enterpriseName : null,
  }));
}
