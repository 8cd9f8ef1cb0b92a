// The review chain kernel on hand-made chains: who may act, 会签/或签/依次, four-eyes, 撤回, 转办,
// the three kinds of return, 公示 and the objection block.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { chainSchema, DEFAULT_CHAIN, type ReviewChain } from './chain.ts';
import { decide, INITIAL_STATE, type Subject, type WorkflowEvent, type WorkflowState } from './kernel.ts';

const actor = (name: string, role: Actor['role'], regionId: string | null = null, enterpriseId: string | null = null): Actor =>
  ({ userId: `u-${name}`, name, role, regionId, enterpriseId, ip: null });
const qiye = actor('qiye', 'enterprise', null, 'E1');
const baoying = actor('baoying', 'region_officer', 'yz-baoying');
const baoying2 = actor('baoying2', 'region_officer', 'yz-baoying');
const gaoyou = actor('gaoyou', 'region_officer', 'yz-gaoyou');
const reviewer = actor('reviewer', 'city_reviewer');
const reviewer2 = actor('reviewer2', 'city_reviewer');
const admin = actor('admin', 'city_admin');
const subject: Subject = { regionId: 'yz-baoying', enterpriseId: 'E1', openObjections: 0 };

function run(chain: ReviewChain, steps: [WorkflowEvent, Actor][], s: Subject = subject): WorkflowState {
  return steps.reduce((st, [e, a]) => decide(chain, st, e, a, s).state, INITIAL_STATE);
}
const approve: WorkflowEvent = { type: 'approve' };
const submit: WorkflowEvent = { type: 'submit' };

describe('the default chain 县区初审 → 市级复审 → 公示 → 批准 (DESIGN §3.3)', () => {
  it('walks from submission to approval, the approval step reporting that money must be committed', () => {
    let st = run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying], [approve, reviewer], [{ type: 'publicity_open' }, admin], [{ type: 'publicity_close' }, admin]]);
    expect(st).toMatchObject({ status: 'in_review', step: 3 });
    const d = decide(DEFAULT_CHAIN, st, approve, admin, subject);
    expect(d.approved).toBe(true);
    st = d.state;
    expect(st.status).toBe('approved');
  });

  it('a step is acted on by its role in scope only: another region\'s officer, the enterprise, the wrong role are refused', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye]]);
    for (const who of [gaoyou, qiye, reviewer, admin]) expect(() => decide(DEFAULT_CHAIN, st, approve, who, subject)).toThrow(/办理/);
  });

  it('four-eyes: an officer who prepared the application cannot review it; nobody acts on two steps', () => {
    const prepared = run(DEFAULT_CHAIN, [[submit, baoying]]);
    expect(() => decide(DEFAULT_CHAIN, prepared, approve, baoying, subject)).toThrow(/四眼/);
    expect(decide(DEFAULT_CHAIN, prepared, approve, baoying2, subject).state.step).toBe(1);
    const chain: ReviewChain = { ...DEFAULT_CHAIN, steps: DEFAULT_CHAIN.steps.map((s) => (s.id === 'approval' ? { ...s, role: 'city_reviewer' } : s)) };
    const st = run(chain, [[submit, qiye], [approve, baoying], [approve, reviewer], [{ type: 'publicity_open' }, admin], [{ type: 'publicity_close' }, admin]]);
    expect(() => decide(chain, st, approve, reviewer, subject)).toThrow(/两个步骤/);
    expect(decide(chain, st, approve, reviewer2, subject).approved).toBe(true);
  });

  it('an open objection blocks approval until resolved', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying], [approve, reviewer], [{ type: 'publicity_open' }, admin], [{ type: 'publicity_close' }, admin]]);
    expect(() => decide(DEFAULT_CHAIN, st, approve, admin, { ...subject, openObjections: 1 })).toThrow(/异议/);
  });

  it('cannot approve while waiting for 公示, nor close a 公示 never opened', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying], [approve, reviewer]]);
    expect(() => decide(DEFAULT_CHAIN, st, approve, admin, subject)).toThrow(/公示/);
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'publicity_close' }, admin, subject)).toThrow(/结束公示/);
  });
});

describe('returns, rejection, withdrawal and handover', () => {
  const atCity = () => run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying]]);

  it('退回申请人: back to the applicant, who resubmits to the first step; the earlier reviewer is still bound by four-eyes', () => {
    const st = decide(DEFAULT_CHAIN, atCity(), { type: 'return', target: { to: 'applicant' }, reason: '缺少发票' }, reviewer, subject).state;
    expect(st).toMatchObject({ status: 'returned', step: 0 });
    const again = decide(DEFAULT_CHAIN, st, submit, qiye, subject).state;
    expect(again).toMatchObject({ status: 'in_review', step: 0 });
    const second = decide(DEFAULT_CHAIN, again, approve, baoying, subject).state; // the same step again is fine
    expect(() => decide(DEFAULT_CHAIN, second, approve, baoying, subject)).toThrow();
  });

  it('驳回上一节点 goes to the previous review step; at the first step it must go to the applicant', () => {
    const st = decide(DEFAULT_CHAIN, atCity(), { type: 'return', target: { to: 'previous' }, reason: '请补充现场核查' }, reviewer, subject).state;
    expect(st).toMatchObject({ status: 'in_review', step: 0, approvedBy: {} });
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'return', target: { to: 'previous' }, reason: '再退' }, baoying, subject)).toThrow(/申请人/);
  });

  it('退回指定节点 from approval back over 公示 to 县区初审; never to the 公示 step itself', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying], [approve, reviewer], [{ type: 'publicity_open' }, admin], [{ type: 'publicity_close' }, admin]]);
    const back = decide(DEFAULT_CHAIN, st, { type: 'return', target: { to: 'step', stepId: 'county-review' }, reason: '重新核查投资额' }, admin, subject).state;
    expect(back).toMatchObject({ status: 'in_review', step: 0 });
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'return', target: { to: 'step', stepId: 'publicity' }, reason: '重新公示' }, admin, subject)).toThrow(/公示/);
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'return', target: { to: 'previous' }, reason: '' }, admin, subject)).toThrow(/理由/);
  });

  it('撤回: the applicant before the first action; a reviewer their approval before the next step acts, not after', () => {
    const submitted = run(DEFAULT_CHAIN, [[submit, qiye]]);
    expect(decide(DEFAULT_CHAIN, submitted, { type: 'withdraw' }, qiye, subject).state.status).toBe('draft');
    // An officer of the region who neither prepared nor submitted it cannot take it back.
    expect(() => decide(DEFAULT_CHAIN, submitted, { type: 'withdraw' }, baoying, subject)).toThrow(/撤回/);
    const prepared = run(DEFAULT_CHAIN, [[submit, baoying]]);
    expect(decide(DEFAULT_CHAIN, prepared, { type: 'withdraw' }, baoying, subject).state.status).toBe('draft');
    const st = atCity();
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'withdraw' }, qiye, subject)).toThrow(/撤回/);
    expect(decide(DEFAULT_CHAIN, st, { type: 'withdraw' }, baoying, subject).state).toMatchObject({ step: 0, approvedBy: { 'county-review': [] } });
    const acted = decide(DEFAULT_CHAIN, st, approve, reviewer, subject).state;
    expect(() => decide(DEFAULT_CHAIN, acted, { type: 'withdraw' }, baoying, subject)).toThrow(/下一环节/);
  });

  it('转办: only the person handed to may then act, and only to someone of the same role and region', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye]]);
    expect(() => decide(DEFAULT_CHAIN, st, { type: 'handover', to: { userId: 'u-gaoyou', username: 'gaoyou', role: 'region_officer', regionId: 'yz-gaoyou' }, reason: '出差' }, baoying, subject)).toThrow(/所在地区/);
    const handed = decide(DEFAULT_CHAIN, st, { type: 'handover', to: { userId: 'u-baoying2', username: 'baoying2', role: 'region_officer', regionId: 'yz-baoying' }, reason: '出差' }, baoying, subject).state;
    expect(() => decide(DEFAULT_CHAIN, handed, approve, baoying, subject)).toThrow(/办理人/);
    expect(decide(DEFAULT_CHAIN, handed, approve, baoying2, subject).state.step).toBe(1);
  });

  it('不予支持 ends the application', () => {
    const st = decide(DEFAULT_CHAIN, atCity(), { type: 'reject', reason: '不属于智能化改造' }, reviewer, subject).state;
    expect(st.status).toBe('rejected');
    expect(() => decide(DEFAULT_CHAIN, st, approve, reviewer2, subject)).toThrow(/不予支持/);
  });
});

describe('会签, 或签 and 依次 steps', () => {
  const chain = (mode: 'all' | 'sequential'): ReviewChain => ({
    publicity: { length: 5, unit: 'working' },
    steps: [
      { id: 'county-review', name: '县区初审', kind: 'review', role: 'region_officer', scope: 'region', mode: 'any' },
      { id: 'experts', name: '专家评审', kind: 'review', role: 'city_reviewer', scope: 'city', mode, assignees: ['reviewer', 'reviewer2'] },
      { id: 'approval', name: '批准', kind: 'approval', role: 'city_admin', scope: 'city', mode: 'any' },
    ],
  });

  it('会签: the step completes only when every listed reviewer has agreed, in any order', () => {
    const c = chain('all');
    const one = run(c, [[submit, qiye], [approve, baoying], [approve, reviewer2]]);
    expect(one.step).toBe(1);
    expect(decide(c, one, approve, reviewer, subject).state.step).toBe(2);
  });

  it('依次: the listed reviewers act in their order', () => {
    const c = chain('sequential');
    const st = run(c, [[submit, qiye], [approve, baoying]]);
    expect(() => decide(c, st, approve, reviewer2, subject)).toThrow(/轮到 reviewer/);
    const first = decide(c, st, approve, reviewer, subject).state;
    expect(decide(c, first, approve, reviewer2, subject).state.step).toBe(2);
  });

  it('或签: any one holder of the role completes the step', () => {
    const st = run(DEFAULT_CHAIN, [[submit, qiye], [approve, baoying]]);
    expect(decide(DEFAULT_CHAIN, st, approve, reviewer2, subject).state.step).toBe(2);
  });

  it('a chain is checked as data: the last step approves, 会签 lists its reviewers, ids are unique', () => {
    expect(chainSchema.safeParse(DEFAULT_CHAIN).success).toBe(true);
    const bad = chainSchema.safeParse({ ...DEFAULT_CHAIN, steps: [...DEFAULT_CHAIN.steps.slice(0, 3), { ...DEFAULT_CHAIN.steps[1], mode: 'all' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).join(';')).toMatch(/最后一步须为批准/);
  });
});
