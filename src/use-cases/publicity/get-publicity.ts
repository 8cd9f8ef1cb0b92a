// 公示 batches and their notice. The notice is public, as a 公示 is: it names the enterprises, the
// supported items and the amounts measured by the engine, the period and where to object; it never
// shows objectors.
import type { Executor } from '../../db/client.ts';
import { batchApplications, findBatch, listBatches as listBatchRows, objectionsOfBatch } from '../../db/repositories/publicity-repository.ts';
import { hasPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { evaluationOf } from '../applications/application-support.ts';
import { presentBatch, presentObjection } from './publicity-presenter.ts';

export async function listPublicity(db: Executor, city?: string) {
  return (await listBatchRows(db, city)).map(presentBatch);
}

export async function getPublicity(db: Executor, actor: Actor | null, id: string) {
  const batch = /^[0-9a-f-]{36}$/i.test(id) ? await findBatch(db, id) : undefined;
  if (!batch) throw notFound('公示不存在', 'id');
  const items = await batchApplications(db, batch.id);
  const manage = !!actor && hasPermission(actor, 'publicity.manage');
  return {
    batch: presentBatch(batch),
    items: items.map(({ application: a, enterpriseName, uscc }) => ({
      applicationId: a.id, number: a.number, enterpriseName, uscc, regionId: a.regionId, regionName: regionById(a.regionId)?.name ?? a.regionId,
      measureTitle: a.title, clause: evaluationOf(a).clause, amountText: evaluationOf(a).amountText, status: a.status,
    })),
    objections: manage ? (await objectionsOfBatch(db, batch.id)).map(presentObjection) : [],
  };
}
