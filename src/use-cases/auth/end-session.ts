import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteOwnSession } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';

/**
 * Ends one of the user's own sessions. Another user's session answers 404 like a missing one, so
 * the route cannot be used to learn which session ids exist.
 */
export async function endSession(db: Db, actor: Actor, sessionId: string, currentSessionId: string): Promise<{ current: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await deleteOwnSession(tx, actor.userId!, sessionId))) throw notFound('没有这个会话(可能已结束)', 'id');
    const current = sessionId === currentSessionId;
    await appendAudit(tx, actor, { action: 'end_session', entity: 'session', entityId: actor.userId, after: { session: sessionId.slice(0, 12), current } });
    return { current };
  });
}
