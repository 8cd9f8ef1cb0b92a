import type { Db } from '../../db/client.ts';
import { resolveLiveSession } from '../../db/repositories/user-repository.ts';
import type { Actor, Role } from '../../domain/actor.ts';
import { keepSessionVersions } from '../report-cache.ts';
import { sessionLimits } from './session-policy.ts';
import { hashToken } from './log-in.ts';

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

/**
 * Turns a cookie token into an actor. The database decides in one statement whether the session
 * is still live (user enabled, idle under 30 minutes, younger than the absolute lifetime) and ends
 * it if not; nothing here compares times read earlier.
 */
export async function resolveSession(db: Db, token: string, ip: string | null, now = new Date(), maxHours?: number): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const live = await resolveLiveSession(db, id, now, sessionLimits(maxHours));
  if (!live) return null;
  const { user } = live;
  const actor: Actor = {
    userId: user.id,
    name: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    regionId: user.regionId,
    enterpriseId: user.enterpriseId,
    organisationId: user.organisationId,
    departmentId: user.departmentId,
    ip,
  };
  keepSessionVersions(actor, db, live.reportVersions);
  return { sessionId: id, csrfToken: live.csrfToken, actor };
}
