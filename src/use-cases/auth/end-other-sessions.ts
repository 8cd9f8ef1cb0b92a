import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteOtherSessions } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';

/** 退出其他会话: ends every session of the user except the one making the request. */
export async function endOtherSessions(db: Db, actor: Actor, currentSessionId: string): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    const ended = await deleteOtherSessions(tx, actor.userId!, currentSessionId);
    await appendAudit(tx, actor, { action: 'end_other_sessions', entity: 'session', entityId: actor.userId, after: { ended } });
    return { ended };
  });
}
