// Shared by the application use cases: loading a policy's measure, an application with the access
// check, its chain and subject, presenting it, and recording a workflow step.
import type { Executor } from '../../db/client.ts';
import {
  type ApplicationRow, type ChainRow, evidenceOf, findApplication, findChain, insertEvent, updateApplication,
} from '../../db/repositories/application-repository.ts';
import { openObjectionCount } from '../../db/repositories/publicity-repository.ts';
import { authorize, type CheckName, type Checks } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import type { ApplicationEvaluation } from '../../domain/applications/evaluate-application.ts';
import type { EvidenceItem } from '../../domain/applications/evidence.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { findMeasure, findPolicy } from '../../domain/policy/find.ts';
import type { Measure, Policy } from '../../domain/policy/types.ts';
import { chainSchema, type ReviewChain } from '../../domain/workflow/chain.ts';
import { type Decision, type Subject, type WorkflowState } from '../../domain/workflow/kernel.ts';
import { evidenceChecklists, policyLibrary } from '../../io/policy-library.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CITY_PREFIX: Record<string, string> = { yangzhou: 'YZ', suzhou: 'SZ' };
const POLICY_CITY: Record<string, string> = { 扬州市: 'yangzhou', 苏州市: 'suzhou' };

export function cityOfPolicy(policy: Policy): string {
  return POLICY_CITY[policy.city] ?? policy.city;
}

export function policyMeasure(policyId: unknown, measureId: unknown): { policy: Policy; measure: Measure } {
  const policy = findPolicy(policyLibrary(), policyId, 'policyId');
  const measure = findMeasure(policy, measureId, 'measureId');
  if (!measure.amount) throw notFound(`措施“${measure.title}”(${measure.clause})没有可申报的资金,不受理申报`, 'measureId');
  return { policy, measure };
}

export function checklistOf(policy: Policy, measure: Measure, stage: 'application' | 'acceptance'): readonly EvidenceItem[] {
  const lists = evidenceChecklists(policy);
  return stage === 'application' ? lists.forMeasure(measure) : lists.acceptance;
}

/** The application, if the access layer lets `actor` do `check` to it; NOT_FOUND otherwise. */
export async function loadApplicationFor<K extends CheckName, R extends ApplicationRow = ApplicationRow>(
  db: Executor, actor: Actor, id: string, check: K, extra: Omit<Checks[K], 'enterpriseId' | 'regionId'>,
  load: (db: Executor, id: string) => Promise<R | undefined> = findApplication as (db: Executor, id: string) => Promise<R | undefined>,
): Promise<R> {
  const row = UUID.test(id) ? await load(db, id) : undefined;
  if (!row) throw notFound('申请不存在或不在您的管辖范围内', 'id');
  authorize(actor, check, { ...extra, enterpriseId: row.enterpriseId, regionId: row.regionId } as unknown as Checks[K]);
  return row;
}

// A chain version never changes once written (a change is a new version), so a chain read once
// can be kept by its id: every instance would read the same.
const chains = new Map<string, { row: ChainRow; chain: ReviewChain }>();

export async function chainById(db: Executor, chainId: string): Promise<{ row: ChainRow; chain: ReviewChain }> {
  let found = chains.get(chainId);
  if (!found) {
    const row = await findChain(db, chainId);
    if (!row) throw new Error(`review chain ${chainId} missing`);
    found = { row, chain: chainSchema.parse(row.definition) as ReviewChain };
    if (chains.size > 1000) chains.clear();
    chains.set(chainId, found);
  }
  return found;
}

export const chainOf = (db: Executor, app: ApplicationRow) => chainById(db, app.chainId);

/** Objections are read only where they matter: on the approval step and during 公示. */
export async function subjectOf(db: Executor, app: ApplicationRow, chain?: ReviewChain): Promise<Subject> {
  const kind = chain?.steps[app.stepIndex]?.kind;
  const counts = !chain || kind === 'approval' || app.status === 'in_publicity';
  return { regionId: app.regionId, enterpriseId: app.enterpriseId, openObjections: counts ? await openObjectionCount(db, app.id) : 0 };
}

/** The application's facts and evidence as they stand: kept with each step, so a returned version stays readable. */
export async function snapshotOf(db: Executor, app: ApplicationRow) {
  const evidence = await evidenceOf(db, app.id);
  return {
    facts: app.facts,
    amount: { min: app.minFen, max: app.maxFen },
    evidence: evidence.filter((e) => !e.removed).map((e) => ({ itemId: e.itemId, fileName: e.fileName, sha256: e.sha256, status: e.status, note: e.reviewNote })),
  };
}

/**
 * Writes a workflow decision: the application's new state (only if still at `version`) and its
 * history row. Returns the updated row.
 */
export async function applyDecision(
  tx: Executor, app: ApplicationRow, version: number, actor: Actor, decision: Decision, action: string,
  opts: { opinion?: string | undefined; set?: Partial<ApplicationRow>; snapshot?: unknown } = {},
): Promise<ApplicationRow> {
  const state = decision.state;
  const updated = await updateApplication(tx, app.id, version, {
    ...opts.set,
    status: state.status,
    stepIndex: state.step,
    workflow: state,
  });
  if (!updated) {
    throw conflict(`申请已被他人处理(当前版本 ${app.version},您提交的版本 ${version}),请刷新后重试`, 'version');
  }
  await insertEvent(tx, {
    applicationId: app.id,
    actorId: actor.userId,
    actorName: actor.displayName ?? actor.name,
    actorRole: actor.role,
    action,
    stepId: decision.step?.id ?? null,
    stepName: decision.step?.name ?? null,
    opinion: opts.opinion ?? null,
    fromStatus: app.status,
    toStatus: state.status,
    summary: decision.summary,
    snapshot: opts.snapshot ?? null,
  });
  return updated;
}

export function stateOf(app: ApplicationRow): WorkflowState {
  return app.workflow as WorkflowState;
}

export function evaluationOf(app: ApplicationRow): ApplicationEvaluation {
  return app.evaluation as ApplicationEvaluation;
}

export function presentApplication(app: ApplicationRow, extra: { enterpriseName?: string; uscc?: string; chain?: ReviewChain } = {}) {
  const e = evaluationOf(app);
  const step = extra.chain?.steps[app.stepIndex];
  return {
    id: app.id,
    number: app.number,
    enterpriseId: app.enterpriseId,
    enterpriseName: extra.enterpriseName ?? null,
    uscc: extra.uscc ?? null,
    regionId: app.regionId,
    city: app.city,
    policyId: app.policyId,
    measureId: app.measureId,
    measureTitle: app.title,
    clause: e.clause,
    year: app.year,
    status: app.status as WorkflowState['status'],
    currentStep: step && (app.status === 'in_review' || app.status === 'in_publicity') ? { index: app.stepIndex, id: step.id, name: step.name, kind: step.kind, role: step.role } : null,
    eligible: app.eligible,
    minFen: app.minFen,
    maxFen: app.maxFen,
    amountText: e.amountText,
    payer: app.payer as 'city' | 'county' | 'shared',
    approvedFen: app.approvedFen,
    cityPartFen: app.cityPartFen,
    countyPartFen: app.countyPartFen,
    advanceFen: app.advanceFen,
    disbursedFen: app.disbursedFen,
    reclaimedFen: app.reclaimedFen,
    acceptance: app.acceptance as 'none' | 'passed' | 'failed',
    acceptanceNote: app.acceptanceNote,
    acceptedOn: app.acceptedOn,
    evaluatedOn: app.evaluatedOn,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    submittedOn: app.submittedOn,
    decidedAt: app.decidedAt?.toISOString() ?? null,
    version: app.version,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}
export type ApplicationView = ReturnType<typeof presentApplication>;
