// 附件2 三(二) 核查程序 on the workflow kernel: 市工信局 submits the scored year, 考核办 (the finance /
// assessment role) approves it (审定) or returns it. One step; the sign-off row's status maps onto
// the kernel's states.
import type { Actor } from '../actor.ts';
import type { SignOffStatus } from '../access/checks.ts';
import type { ReviewChain } from './chain.ts';
import { decide, type WorkflowEvent, type WorkflowState, type WorkflowStatus } from './kernel.ts';

export const SIGN_OFF_CHAIN: ReviewChain = {
  steps: [{ id: 'sign-off', name: '考核办审定', kind: 'approval', role: 'finance', scope: 'city', mode: 'any' }],
  publicity: { length: 1, unit: 'calendar' },
};

const TO_KERNEL: Record<SignOffStatus, WorkflowStatus> = { open: 'draft', submitted: 'in_review', approved: 'approved', returned: 'returned' };
const FROM_KERNEL: Partial<Record<WorkflowStatus, SignOffStatus>> = { draft: 'open', in_review: 'submitted', approved: 'approved', returned: 'returned' };

const SUBJECT = { regionId: '', enterpriseId: '', openObjections: 0, applicant: (a: Actor) => a.role === 'city_admin' };

/** The next sign-off status, or the kernel's refusal (wrong role, wrong state, four-eyes). */
export function signOffTransition(status: SignOffStatus, submittedBy: string | null, event: WorkflowEvent, actor: Actor, year: number): SignOffStatus {
  const state: WorkflowState = { status: TO_KERNEL[status], step: 0, approvedBy: {}, actors: {}, handovers: {}, applicants: submittedBy ? [submittedBy] : [] };
  try {
    return FROM_KERNEL[decide(SIGN_OFF_CHAIN, state, event, actor, SUBJECT).state.status]!;
  } catch (e) {
    // Say which year, in the words of the 核查程序.
    if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'CONFLICT') {
      const what = { open: '尚未提交', submitted: '已提交,等待审定', approved: '已经审定', returned: '已退回,尚未重新提交' }[status];
      (e as { message: string }).message = `${year}年度考核结果${what}:${e.message}`;
      (e as { field?: string }).field = 'year';
    }
    throw e;
  }
}
