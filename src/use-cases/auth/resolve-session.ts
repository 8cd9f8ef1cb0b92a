import type { Db } from '../../db/client.ts';
import { deleteSession, findSession, touchSession } from '../../db/repositories/user-repository.ts';
import type { Actor, Role } from '../../domain/actor.ts';
import { IDLE_TIMEOUT_MS } from './session-policy.ts';
import { hashToken } from './log-in.ts';

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

/** Turns a cookie token into an actor, ending the session when it has been idle too long. */
export async function resolveSession(db: Db, token: string, ip: string | null, now = new Date()): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const found = await findSession(db, id);
  if (!found) return null;
  const { session, user } = found;
  if (user.disabled || now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) {
    await deleteSession(db, id);
    return null;
  }
  // The idle clock needs minute precision only: skip the write on most requests.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, id, now);
  return {
    sessionId: id,
    csrfToken: session.csrfToken,
    actor: {
      userId: user.id,
      name: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      regionId: user.regionId,
      enterpriseId: user.enterpriseId,
      organisationId: user.organisationId,
      departmentId: user.departmentId,
      ip,
    },
  };
}
