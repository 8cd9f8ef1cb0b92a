// The workflow kernel: given a chain, the current state, an event and who acts, the next state or
// the refusal. Pure: no database, no clock. Use cases load the record under a lock (or with its
// version), ask `decide`, and write the result in the same transaction.
//
// Rules it enforces:
// - who may act on a step: the step's role, in the applicant's region for region steps; 或签 any one
//   of them, 会签 every listed assignee, 依次 the listed assignees in order; after 转办 only the
//   person it was handed to;
// - four-eyes: nobody acts on two steps of one application, nobody approves an application they
//   submitted or prepared;
// - 撤回: the applicant before the first reviewer acts; a reviewer their own approval before the
//   next step has acted;
// - returns to the applicant (退回申请人), the previous step (驳回上一节点) or a named earlier step
//   (退回指定节点), always with a reason; rejections end the application;
// - 公示 steps are opened and closed by their batch; an open objection blocks approval.
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import type { ChainStep, ReviewChain } from './chain.ts';

export type WorkflowStatus = 'draft' | 'in_review' | 'in_publicity' | 'returned' | 'approved' | 'rejected';

export interface WorkflowState {
  readonly status: WorkflowStatus;
  /** The step being worked while in review or publicity (index into the chain's steps). */
  readonly step: number;
  /** This round's approvals by step id (user ids): a step's progress; cleared by a return. */
  readonly approvedBy: Readonly<Record<string, readonly string[]>>;
  /** Everyone who ever approved each step (never cleared by a return): the four-eyes record. */
  readonly actors: Readonly<Record<string, readonly string[]>>;
  /** 转办: the usernames who now hold a step instead of its listed assignees or role. */
  readonly handovers: Readonly<Record<string, readonly string[]>>;
  /** User ids of whoever submitted or prepared the application (never its reviewers). */
  readonly applicants: readonly string[];
}

export const INITIAL_STATE: WorkflowState = { status: 'draft', step: 0, approvedBy: {}, actors: {}, handovers: {}, applicants: [] };

/** Whose application: the region its steps are scoped to and the enterprise whose users may submit. */
export interface Subject {
  readonly regionId: string;
  readonly enterpriseId: string;
  /** Open objections in the application's 公示 (block approval). */
  readonly openObjections: number;
  /** Who may submit, when not the enterprise or its region's officer (the assessment: the city). */
  readonly applicant?: (actor: Actor) => boolean;
}

export type ReturnTarget = { readonly to: 'applicant' } | { readonly to: 'previous' } | { readonly to: 'step'; readonly stepId: string };

/** Someone a step can be handed to (转办). */
export interface HandoverTarget {
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly regionId: string | null;
}

export type WorkflowEvent =
  | { readonly type: 'submit' }
  | { readonly type: 'approve' }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'return'; readonly target: ReturnTarget; readonly reason: string }
  | { readonly type: 'withdraw' }
  | { readonly type: 'handover'; readonly to: HandoverTarget; readonly reason: string }
  | { readonly type: 'publicity_open' }
  | { readonly type: 'publicity_close' };

export interface Decision {
  readonly state: WorkflowState;
  /** The step acted on (absent for submit). */
  readonly step?: ChainStep;
  /** The application is now approved: the caller commits the money in the same transaction. */
  readonly approved: boolean;
  /** What happened, in Chinese, for the history. */
  readonly summary: string;
}

const refuse = (code: 'FORBIDDEN' | 'CONFLICT' | 'INVALID', message: string, field = 'action') => new DomainError(code, message, field);

/** May `actor` prepare and submit for this subject: its enterprise's user or its region's officer. */
export function isApplicantSide(actor: Actor, subject: Subject): boolean {
  if (subject.applicant) return subject.applicant(actor);
  return (actor.role === 'enterprise' && actor.enterpriseId === subject.enterpriseId)
    || (actor.role === 'region_officer' && actor.regionId === subject.regionId);
}

/** The usernames who must act on a step, or null when any holder of its role (in scope) may. */
function listedActors(step: ChainStep, state: WorkflowState): readonly string[] | null {
  return state.handovers[step.id] ?? step.assignees ?? null;
}

/** Why `actor` may not act on the current step, or null (reviewing evidence, the approval preview). */
export function stepRefusal(chain: ReviewChain, state: WorkflowState, actor: Actor, subject: Subject): DomainError | null {
  const step = chain.steps[state.step]!;
  const listed = listedActors(step, state);
  const handedOver = !!state.handovers[step.id];
  if (!handedOver && actor.role !== step.role) return refuse('FORBIDDEN', `“${step.name}”由${roleText(step)}办理`);
  if (!handedOver && step.scope === 'region' && actor.regionId !== subject.regionId) return refuse('FORBIDDEN', `“${step.name}”由申请人所在地区办理`);
  if (listed && !listed.includes(actor.name)) return refuse('FORBIDDEN', `“${step.name}”的办理人是 ${listed.join('、')}`);
  if (listed && step.mode === 'sequential') {
    const done = state.approvedBy[step.id]?.length ?? 0;
    if (listed[done] !== actor.name) return refuse('CONFLICT', `“${step.name}”依次办理,现在轮到 ${listed[done]}`);
  }
  if (actor.userId && state.applicants.includes(actor.userId)) return refuse('FORBIDDEN', '不能审核本人提交或经办的申请(四眼原则)');
  for (const [stepId, users] of Object.entries(state.actors)) {
    if (stepId !== step.id && actor.userId && users.includes(actor.userId)) {
      const name = chain.steps.find((s) => s.id === stepId)?.name ?? stepId;
      return refuse('FORBIDDEN', `您已办理本申请的“${name}”,同一人不能办理两个步骤(四眼原则)`);
    }
  }
  if (state.approvedBy[step.id]?.includes(actor.userId ?? actor.name)) return refuse('CONFLICT', `您已在“${step.name}”签署过意见`);
  return null;
}

const roleText = (step: ChainStep) => ({
  city_admin: '市工信局', city_reviewer: '市级审核员', region_officer: '县区经办人', enterprise: '企业', provider: '服务商', supervisor: '第三方监理', finance: '财政局/考核办',
} as Record<string, string>)[step.role] ?? step.role;

/** Whether the current step is complete once `approvals` have approved. */
function stepComplete(step: ChainStep, state: WorkflowState, approvals: readonly string[]): boolean {
  if (step.mode === 'any') return approvals.length >= 1;
  return approvals.length >= (listedActors(step, state)?.length ?? 1);
}

/** Moves past `from`; lands on the next step (a 公示 step waits for its batch) or approval. */
function advance(chain: ReviewChain, state: WorkflowState): { state: WorkflowState; approved: boolean } {
  const next = state.step + 1;
  if (next >= chain.steps.length) return { state: { ...state, status: 'approved' }, approved: true };
  return { state: { ...state, status: 'in_review', step: next }, approved: false };
}

function requireStatus(state: WorkflowState, allowed: WorkflowStatus[], what: string): void {
  if (!allowed.includes(state.status)) throw refuse('CONFLICT', `申请当前${STATUS_NAMES[state.status]},不能${what}`, 'status');
}

export const STATUS_NAMES: Record<WorkflowStatus, string> = {
  draft: '为草稿', in_review: '在审核中', in_publicity: '在公示中', returned: '已退回申请人', approved: '已批准', rejected: '已不予支持',
};

function reasonOf(reason: string): string {
  const text = reason.trim();
  if (text.length < 2 || text.length > 500) throw refuse('INVALID', '须写明理由(2–500字)', 'reason');
  return text;
}

export function decide(chain: ReviewChain, state: WorkflowState, event: WorkflowEvent, actor: Actor, subject: Subject): Decision {
  const current = chain.steps[state.step];
  switch (event.type) {
    case 'submit': {
      requireStatus(state, ['draft', 'returned'], '提交');
      if (!isApplicantSide(actor, subject)) throw refuse('FORBIDDEN', subject.applicant ? '无权提交' : '只有申请企业或其所在地区经办人可以提交', 'actor');
      const applicants = actor.userId && !state.applicants.includes(actor.userId) ? [...state.applicants, actor.userId] : state.applicants;
      if (actor.userId && Object.values(state.actors).some((users) => users.includes(actor.userId!))) {
        throw refuse('FORBIDDEN', '您已审核过本申请,不能再作为申请人提交(四眼原则)', 'actor');
      }
      // A resubmission starts the chain again; `actors` keeps who approved before (four-eyes).
      return { state: { ...state, status: 'in_review', step: 0, applicants, approvedBy: {}, handovers: {} }, approved: false, summary: state.status === 'returned' ? '修改后重新提交' : '提交申请' };
    }
    case 'approve': {
      requireStatus(state, ['in_review'], '审核通过');
      if (current!.kind === 'publicity') throw refuse('CONFLICT', '申请等待公示,公示期满后才能批准', 'status');
      const refusal = stepRefusal(chain, state, actor, subject);
      if (refusal) throw refusal;
      if (current!.kind === 'approval' && subject.openObjections > 0) {
        throw refuse('CONFLICT', `公示期间有 ${subject.openObjections} 条异议尚未处理,处理完毕前不能批准`, 'objections');
      }
      const who = actor.userId ?? actor.name;
      const approvals = [...(state.approvedBy[current!.id] ?? []), who];
      const everyone = state.actors[current!.id] ?? [];
      const withApproval = {
        ...state,
        approvedBy: { ...state.approvedBy, [current!.id]: approvals },
        actors: { ...state.actors, [current!.id]: everyone.includes(who) ? everyone : [...everyone, who] },
      };
      if (!stepComplete(current!, state, approvals)) {
        return { state: withApproval, step: current!, approved: false, summary: `${current!.name}:同意(${approvals.length}/${listedActors(current!, state)?.length ?? 1})` };
      }
      const moved = advance(chain, withApproval);
      return { state: moved.state, step: current!, approved: moved.approved, summary: moved.approved ? `${current!.name}:批准` : `${current!.name}:通过` };
    }
    case 'reject': {
      requireStatus(state, ['in_review', 'in_publicity'], '不予支持');
      const refusal = stepRefusal(chain, state, actor, subject);
      if (refusal) throw refusal;
      return { state: { ...state, status: 'rejected' }, step: current!, approved: false, summary: `${current!.name}:不予支持。理由:${reasonOf(event.reason)}` };
    }
    case 'return': {
      requireStatus(state, ['in_review', 'in_publicity'], '退回');
      const refusal = stepRefusal(chain, state, actor, subject);
      if (refusal) throw refusal;
      const reason = reasonOf(event.reason);
      if (event.target.to === 'applicant') {
        return { state: { ...state, status: 'returned', step: 0, approvedBy: clearFrom(chain, state.approvedBy, 0), handovers: {} }, step: current!, approved: false, summary: `${current!.name}:退回申请人。理由:${reason}` };
      }
      const target = event.target.to === 'previous' ? previousReview(chain, state.step) : chain.steps.findIndex((s) => s.id === (event.target as { stepId: string }).stepId);
      if (target < 0 || target >= state.step) {
        throw refuse('INVALID', event.target.to === 'previous' ? '已是第一个审核步骤,请退回申请人' : '只能退回到本步骤之前的审核步骤', 'target');
      }
      if (chain.steps[target]!.kind === 'publicity') throw refuse('INVALID', '不能退回到公示步骤,请退回到公示前的审核步骤', 'target');
      const name = chain.steps[target]!.name;
      return {
        state: { ...state, status: 'in_review', step: target, approvedBy: clearFrom(chain, state.approvedBy, target), handovers: {} },
        step: current!, approved: false, summary: `${current!.name}:退回至“${name}”。理由:${reason}`,
      };
    }
    case 'withdraw': {
      requireStatus(state, ['in_review'], '撤回');
      const stepApprovals = state.approvedBy[current!.id] ?? [];
      // The applicant takes the application back before anyone has acted on it: whoever submitted
      // or prepared it, or the enterprise itself — not any officer of its region.
      const ownApplicant = (actor.userId !== null && state.applicants.includes(actor.userId)) || (actor.role === 'enterprise' && actor.enterpriseId === subject.enterpriseId);
      if (isApplicantSide(actor, subject) && ownApplicant && state.step === 0 && stepApprovals.length === 0) {
        return { state: { ...state, status: 'draft', step: 0 }, approved: false, summary: '申请人撤回申请' };
      }
      // A reviewer takes back their approval of the previous step before this step has acted.
      const prev = previousReview(chain, state.step);
      const prevStep = prev >= 0 ? chain.steps[prev]! : null;
      if (prevStep && actor.userId && (state.approvedBy[prevStep.id] ?? []).includes(actor.userId) && stepApprovals.length === 0) {
        const remaining = (state.approvedBy[prevStep.id] ?? []).filter((u) => u !== actor.userId);
        const everyone = (state.actors[prevStep.id] ?? []).filter((u) => u !== actor.userId);
        return {
          state: {
            ...state, status: 'in_review', step: prev,
            approvedBy: { ...clearFrom(chain, state.approvedBy, prev + 1), [prevStep.id]: remaining },
            actors: { ...state.actors, [prevStep.id]: everyone },
          },
          step: prevStep, approved: false, summary: `${prevStep.name}:撤回本人意见`,
        };
      }
      throw refuse('CONFLICT', '只能在下一环节办理之前撤回:申请人在初审前撤回申请,审核人在下一步骤办理前撤回本人意见', 'status');
    }
    case 'handover': {
      requireStatus(state, ['in_review'], '转办');
      const refusal = stepRefusal(chain, state, actor, subject);
      if (refusal) throw refusal;
      const reason = reasonOf(event.reason);
      const to = event.to;
      if (to.userId === actor.userId) throw refuse('INVALID', '不能转办给本人', 'to');
      if (to.role !== current!.role) throw refuse('INVALID', `“${current!.name}”只能转办给同为${roleText(current!)}的人员`, 'to');
      if (current!.scope === 'region' && to.regionId !== subject.regionId) throw refuse('INVALID', `“${current!.name}”只能转办给申请人所在地区的人员`, 'to');
      if (state.applicants.includes(to.userId)) throw refuse('INVALID', '不能转办给本申请的申请人或经办人(四眼原则)', 'to');
      const listed = listedActors(current!, state) ?? [actor.name];
      const handed = listed.includes(actor.name) ? listed.map((u) => (u === actor.name ? to.username : u)) : [to.username];
      return { state: { ...state, handovers: { ...state.handovers, [current!.id]: handed } }, step: current!, approved: false, summary: `${current!.name}:转办给 ${to.username}。理由:${reason}` };
    }
    case 'publicity_open': {
      requireStatus(state, ['in_review'], '公示');
      if (current!.kind !== 'publicity') throw refuse('CONFLICT', '申请尚未完成公示前的审核', 'status');
      return { state: { ...state, status: 'in_publicity' }, step: current!, approved: false, summary: '进入公示' };
    }
    case 'publicity_close': {
      requireStatus(state, ['in_publicity'], '结束公示');
      const moved = advance(chain, state);
      return { state: moved.state, step: current!, approved: moved.approved, summary: '公示期满' };
    }
  }
}

function previousReview(chain: ReviewChain, from: number): number {
  for (let i = from - 1; i >= 0; i--) if (chain.steps[i]!.kind !== 'publicity') return i;
  return -1;
}

/** Forget approvals of steps `from` and later (they will be acted on again). */
function clearFrom(chain: ReviewChain, approvedBy: Readonly<Record<string, readonly string[]>>, from: number): Record<string, readonly string[]> {
  const later = new Set(chain.steps.slice(from).map((s) => s.id));
  return Object.fromEntries(Object.entries(approvedBy).filter(([k]) => !later.has(k)));
}
