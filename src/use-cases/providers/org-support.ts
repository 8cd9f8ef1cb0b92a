// Shared by the provider-pool use cases: loading an organisation, its workflow subject, presenting it.
import { type Executor, readAll } from '../../db/client.ts';
import { appendOrgEvent, findServiceOrg, openOrgObjections, orgEvents, orgObjections, type ServiceOrgRow } from '../../db/repositories/service-org-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { ORG_KIND_LABELS, STANDING_LABELS, type OrgKind, type Standing } from '../../domain/diagnosis/admission.ts';
import { notFound } from '../../domain/errors.ts';
import type { Subject, WorkflowState } from '../../domain/workflow/kernel.ts';
import { STATUS_NAMES } from '../../domain/workflow/kernel.ts';
import { ADMISSION_CHAIN } from '../../domain/diagnosis/admission.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadOrg(db: Executor, id: string, load: (db: Executor, id: string) => Promise<ServiceOrgRow | undefined> = findServiceOrg): Promise<ServiceOrgRow> {
  const row = UUID.test(id) ? await load(db, id) : undefined;
  if (!row) throw notFound('服务机构不存在', 'id');
  return row;
}

/** The kernel's subject: the org's home region does the 属地初审; its own accounts (or the region, 属地推荐) submit. */
export function orgSubject(org: ServiceOrgRow, openObjections: number): Subject {
  return {
    regionId: org.regionId, enterpriseId: '', openObjections,
    applicant: (a: Actor) => ((a.role === 'provider' || a.role === 'supervisor') && a.organisationId === org.id)
      || (a.role === 'region_officer' && a.regionId === org.regionId) || a.role === 'city_admin',
  };
}

export const stateOf = (org: ServiceOrgRow) => org.workflow as WorkflowState;

export async function recordOrgEvent(tx: Executor, actor: Actor, orgId: string, action: string, summary: string): Promise<void> {
  await appendOrgEvent(tx, { orgId, actorName: actor.displayName ?? actor.name, actorRole: actor.role, action, summary });
}

export function presentOrg(o: ServiceOrgRow) {
  const state = stateOf(o);
  const step = ADMISSION_CHAIN.steps[state.step];
  return {
    id: o.id, kind: o.kind, kindLabel: ORG_KIND_LABELS[o.kind as OrgKind], city: o.city, regionId: o.regionId, uscc: o.uscc, name: o.name,
    contactName: o.contactName, contactPhone: o.contactPhone, industries: o.industries, scopes: o.scopes, regionsServed: o.regionsServed,
    capacity: o.capacity, introduction: o.introduction, status: o.status, statusLabel: STATUS_NAMES[o.status as keyof typeof STATUS_NAMES] ?? o.status,
    currentStep: o.status === 'in_review' || o.status === 'in_publicity' ? step?.name ?? null : null,
    publicityStartsOn: o.publicityStartsOn, publicityEndsOn: o.publicityEndsOn, admittedOn: o.admittedOn, reviewDueOn: o.reviewDueOn,
    standing: o.standing, standingLabel: STANDING_LABELS[o.standing as Standing], standingReason: o.standingReason, rectifyBy: o.rectifyBy,
    appeal: (o.appeal ?? null) as { text: string; filedOn: string; status: 'open' | 'upheld' | 'dismissed'; decision?: string } | null,
    version: o.version,
  };
}

export async function orgDetail(db: Executor, o: ServiceOrgRow) {
  const [events, objections, open] = await readAll(db, [() => orgEvents(db, o.id), () => orgObjections(db, o.id), () => openOrgObjections(db, o.id)]);
  return {
    ...presentOrg(o), openObjections: open,
    objections: objections.map((x) => ({ id: x.id, name: x.name, content: x.content, receivedOn: x.receivedOn, status: x.status, resolution: x.resolution })),
    history: events.map((e) => ({ at: e.at.toISOString(), actorName: e.actorName, actorRole: e.actorRole, action: e.action, summary: e.summary })),
  };
}
