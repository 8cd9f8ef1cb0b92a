import type { Actor } from '../domain/actor.ts';

/** The command line runs with the operator's OS account and full rights, like psql would. */
export function cliActor(): Actor {
  const name = `cli:${process.env.USER ?? process.env.USERNAME ?? 'operator'}`;
  return { userId: null, name, role: 'city_admin', regionId: null, enterpriseId: null, ip: null };
}
