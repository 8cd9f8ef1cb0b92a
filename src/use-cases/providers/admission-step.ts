// One step of an admission on the workflow kernel: 提交, 审核通过 (属地初审, 专家评审, 入库), 退回,
// 不予入库, 撤回, and opening the 公示 (the city, for the organisations at that step). The row is
// locked for the step and written only at the version the actor saw.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { calendarMap } from '../../db/repositories/publicity-repository.ts';
import { admissionsDue, lockServiceOrg, openOrgObjections, updateServiceOrg, type ServiceOrgValues } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { periodEnd } from '../../domain/calendar/working-days.ts';
import { ADMISSION_CHAIN, addYears } from '../../domain/diagnosis/admission.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { decide, type WorkflowEvent } from '../../domain/workflow/kernel.ts';
import { orgStepSchema } from './org-input.ts';
import { loadOrg, orgDetail, orgSubject, recordOrgEvent, stateOf } from './org-support.ts';

export async function admissionStep(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  const input = parseOrThrow(orgStepSchema, raw);
  assertPermission(actor, input.action === 'submit' || input.action === 'withdraw' ? 'providers.apply' : input.action === 'publicity' ? 'providers.manage' : 'providers.review');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    authorize(actor, 'org.review', { regionId: org.regionId });
    if (input.action === 'submit') {
      if (org.kind === 'provider' && org.scopes.length === 0) throw invalid('scopes', '服务商须填写诊断范围(产业链、工厂或车间)后才能提交');
    }
    const event: WorkflowEvent = input.action === 'publicity' ? { type: 'publicity_open' }
      : input.action === 'return' ? { type: 'return', target: { to: 'applicant' }, reason: input.reason ?? '' }
      : input.action === 'reject' ? { type: 'reject', reason: input.reason ?? '' }
      : { type: input.action };
    const decision = decide(ADMISSION_CHAIN, stateOf(org), event, actor, orgSubject(org, await openOrgObjections(tx, org.id)));
    const set: Partial<ServiceOrgValues> = { workflow: decision.state, status: decision.state.status };
    let summary = decision.summary;
    if (input.action === 'publicity') {
      if (actor.role !== 'city_admin') throw new DomainError('FORBIDDEN', '公示由市工信局发布');
      const ends = periodEnd(today, ADMISSION_CHAIN.publicity.length, ADMISSION_CHAIN.publicity.unit, await calendarMap(tx));
      set.publicityStartsOn = today;
      set.publicityEndsOn = ends;
      summary = `入库公示 ${today} 至 ${ends}`;
    }
    if (decision.approved) {
      set.admittedOn = today;
      set.reviewDueOn = addYears(today, 1);
      set.standing = 'good';
      summary = `入库,${addYears(today, 1)} 前复核`;
    }
    const row = await updateServiceOrg(tx, org.id, input.version, set);
    await recordOrgEvent(tx, actor, org.id, input.action, summary);
    await appendAudit(tx, actor, { action: `admission_${input.action}`, entity: 'service_org', entityId: org.id, after: { status: row.status, summary } });
    return orgDetail(tx, row);
  });
}

/** Closes every admission 公示 that ended before `today` (the timer and the CLI). Idempotent. */
export async function closeDueAdmissions(db: Db, today: string, actor: Actor): Promise<number> {
  let closed = 0;
  for (const id of await admissionsDue(db, today)) {
    await db.transaction(async (tx) => {
      const org = await lockServiceOrg(tx, id);
      if (!org || org.status !== 'in_publicity' || !org.publicityEndsOn || org.publicityEndsOn >= today) return;
      const decision = decide(ADMISSION_CHAIN, stateOf(org), { type: 'publicity_close' }, actor, orgSubject(org, 0));
      await updateServiceOrg(tx, org.id, org.version, { workflow: decision.state, status: decision.state.status });
      await recordOrgEvent(tx, actor, org.id, 'publicity_close', `公示期满(${org.publicityEndsOn})`);
      closed++;
    });
  }
  return closed;
}
