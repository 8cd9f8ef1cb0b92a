import type { Executor } from '../../db/client.ts';
import { listUserSessions } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { sessionLimits } from './session-policy.ts';

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** When the absolute lifetime ends it, however active it is. */
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The signed-in user's own live sessions (ASVS 3.3.4), the one making the request marked. */
export async function listSessions(db: Executor, actor: Actor, currentSessionId: string, now = new Date(), maxHours?: number): Promise<SessionView[]> {
  const limits = sessionLimits(maxHours);
  const rows = await listUserSessions(db, actor.userId!, now, limits);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: new Date(s.createdAt.getTime() + limits.maxMs).toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  }));
}
