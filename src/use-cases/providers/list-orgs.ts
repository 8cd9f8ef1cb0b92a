// The pool as every signed-in user sees it (enterprises choose and rate providers); contact details
// and the admission file beyond the pool's list only to the offices and the organisation itself.
import type { Db } from '../../db/client.ts';
import { listServiceOrgs } from '../../db/repositories/service-org-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { loadOrg, orgDetail, presentOrg } from './org-support.ts';

const OFFICES = new Set(['city_admin', 'city_reviewer', 'region_officer', 'finance']);

export async function listOrgs(db: Db, actor: Actor, q: { city?: string | undefined; kind?: string | undefined; status?: string | undefined }) {
  assertPermission(actor, 'providers.read');
  const rows = await listServiceOrgs(db, q);
  return rows
    // Outside the offices, only the pool itself (admitted) and one's own organisation are listed.
    .filter((o) => OFFICES.has(actor.role) || o.status === 'approved' || o.id === actor.organisationId)
    .filter((o) => actor.role !== 'region_officer' || o.status === 'approved' || o.regionId === actor.regionId || o.status === 'in_publicity')
    .map((o) => (OFFICES.has(actor.role) || o.id === actor.organisationId ? presentOrg(o) : publicView(presentOrg(o))));
}

/** What anyone signed in may know of a pool member: who it is and what it serves — not its file. */
function publicView<T extends ReturnType<typeof presentOrg>>(o: T): T {
  return { ...o, contactName: '', contactPhone: '', standingReason: null, rectifyBy: null, appeal: null };
}

export async function getOrg(db: Db, actor: Actor, id: string) {
  assertPermission(actor, 'providers.read');
  const org = await loadOrg(db, id);
  if (!OFFICES.has(actor.role) && org.status !== 'approved' && org.id !== actor.organisationId) throw notFound('服务机构不存在', 'id');
  const detail = await orgDetail(db, org);
  if (OFFICES.has(actor.role) || org.id === actor.organisationId) return detail;
  return { ...publicView(detail), history: [], objections: [], openObjections: 0 };
}
