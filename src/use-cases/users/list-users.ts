import { type Executor, readAll } from '../../db/client.ts';
import { blockedUsernames } from '../../db/repositories/login-throttle-repository.ts';
import { listUsers as listUserRows } from '../../db/repositories/user-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentUser } from './user-presenter.ts';

export async function listUsers(db: Executor, actor: Actor, now = new Date()) {
  assertPermission(actor, 'users.read');
  const [rows, blocked] = await readAll(db, [() => listUserRows(db), () => blockedUsernames(db, now)]);
  return rows.map((u) => presentUser(u, blocked.has(u.username)));
}
