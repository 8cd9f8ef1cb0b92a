import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteSession } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';

export async function logOut(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await appendAudit(tx, actor, { action: 'logout', entity: 'session', entityId: actor.userId });
  });
}
