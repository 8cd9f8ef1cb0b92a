// Shapes of the API's answers (see /api/v1/openapi.json). Kept by hand beside the client because
// the web app only reads what it shows.
import type { Role } from '../../../src/domain/access/roles.ts';

export type { Role };

export interface User {
  id: string; username: string; displayName: string; role: Role;
  regionId: string | null; enterpriseId: string | null; organisationId?: string | null; departmentId?: string | null; disabled: boolean; locked: boolean; createdAt: string;
}

export interface Session { user: User; csrfToken: string; idleTimeoutSeconds?: number; sessionMaxHours?: number }

/** One of the signed-in user's sessions (GET /auth/sessions). */
export interface LoginSession {
  id: string; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null; current: boolean;
}

export interface Region { id: string; city: 'yangzhou' | 'suzhou'; name: string; level: string; parentId: string | null; adminCode: string; scored: boolean }

export type CertificationKind = 'integration' | 'cloud' | 'recognition';
export interface Certification { kind: CertificationKind; level: string; title: string; year: number }

export interface Enterprise {
  id: string; uscc: string; name: string; regionId: string; industryCode: string; aboveScale: boolean; chains: string[];
  legalForm: 'independent' | 'branch'; contactName: string | null; contactPhone: string | null; contactEmail: string | null;
  address: string | null; certifications: Certification[];
  /** One file only (GET /enterprises/{id}): its pending or rejected claims; confirmed ones are in `certifications`. */
  certificationClaims?: CertificationClaim[];
  version: number; createdAt: string; updatedAt: string;
}

/** A certification an enterprise submitted with its evidence; it counts only once its region confirms it. */
export interface CertificationClaim {
  id: string; enterpriseId: string; kind: CertificationKind; level: string; title: string; year: number;
  status: 'pending' | 'confirmed' | 'rejected'; evidence: string | null; submittedBy: string | null; submittedAt: string | null;
  reviewedBy: string | null; reviewedAt: string | null; reviewNote: string | null;
}
/** GET /certification-claims: the reviewer's queue. */
export interface PendingClaim extends CertificationClaim { enterpriseName: string; uscc: string; regionId: string }

/** 档案划转. `enterpriseId`, `enterpriseName` and `fromRegionId` are null for an officer who may not see the enterprise yet. */
export interface EnterpriseTransfer {
  id: string; enterpriseId: string | null; uscc: string; enterpriseName: string | null; fromRegionId: string | null; toRegionId: string;
  reason: string; status: 'pending' | 'approved' | 'rejected'; requestedBy: string; requestedAt: string;
  decidedBy: string | null; decidedAt: string | null; decisionNote: string | null;
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number; totalCapped?: boolean; next?: string | null }

/** One existing file an import changes, cell by cell in the sheet's own words (column headers as labels). */
export interface ImportChange {
  row: number; uscc: string; name: string;
  fields: { field: string; label: string; before: string; after: string }[];
}

export interface ImportReport {
  dryRun: boolean; committed: boolean; rows: number; created: number; updated: number; unchanged: number;
  /** The first 1,000 errors; `errorsTotal` counts them all, `errorRows` the rows they are on. */
  errors: { row: number; column: string; message: string }[];
  errorsTotal: number; errorRows: number; errorsTruncated: boolean;
  /** The existing files the import changes (the first 1,000); `changesTotal` counts them all. */
  changes: ImportChange[]; changesTotal: number;
}

/** One field an audited write changed; `before` / `after` are absent when the field did not exist then. */
export interface AuditChange { path: string; before?: unknown; after?: unknown }
export interface AuditEntry {
  seq: number; at: string; actorId: string | null; actorName: string; action: string; entity: string; entityId: string | null;
  before: unknown; after: unknown; changes: AuditChange[]; changesTruncated: boolean; ip: string | null; result: string; hash: string;
}
export interface AuditVerify {
  ok: boolean; count: number; firstBadSeq: number | null; checkpoints: number; warnings: string[];
  problems: { seq: number; kind: string; message: string }[];
}

export interface EnterpriseStats {
  total: number; aboveScale: number; belowScale: number; certified: number;
  regions: { regionId: string; regionName: string; total: number; aboveScale: number }[];
  certifications: { kind: string; level: string; enterprises: number }[];
  chains: { chain: string; enterprises: number }[];
}

export interface ScoreSummary {
  rank: number; regionId: string; regionName: string; total: number;
  subtotals: { targets: number; progress: number; bonus: number; deductions: number };
  categories: Record<string, number>;
}
export interface ScoreLine {
  section: string; item: string; clause: string; points: number; max: number | null;
  data: Record<string, string | number>; explanation: string;
}
export interface Reading { clause: string; words: string; adopted: string; setting: string }
export interface Assessment {
  year: number; reference: string | null; throughQuarter: number; ranking: ScoreSummary[];
  sheets: (ScoreSummary & { lines: ScoreLine[] })[]; readings: Reading[]; settings: Record<string, unknown>;
}

// ---- policy library and entitlement engine (amounts are integer fen) ----
export interface MoneyRange { min: number; max: number | null }
export interface Validity { from: string; to: string; status: 'in_force' | 'not_yet_in_force' | 'expired'; message: string; clause: string; daysLeft?: number }
export interface PolicySummary {
  id: string; city: string; shortTitle: string; title: string; number: string | null; issuer: string; issueDate: string; part?: string;
  validity: Validity; validityClause: string; validityQuote: string;
  applicants: { types: string[]; clause: string; quote: string }; measures: number; withAmount: number;
  /** The facts of the dictionary this text reads (collection fields, recognition codes); the calculator asks only these. */
  facts?: { name: string; fields?: string[]; codes?: string[] }[];
}
/** GET /policies/:id: the measures with their parameters' words as the text writes them. */
export interface PolicyDetail extends PolicySummary {
  measureList: { id: string; parameters: { name: string; label: string; words: string; values: { from: string; value: string }[] }[] }[];
}
export interface FactDef {
  name: string; label: string; type: 'money' | 'count' | 'level' | 'boolean' | 'enum' | 'codes' | 'collection'; unit?: string; description?: string;
  values?: Record<string, string>; min?: number; max?: number; required: boolean; default?: unknown; itemLabel?: string; fields?: FactDef[];
}
export interface ParameterUse { name: string; label: string; value: string; from: string; clause: string; original?: string }
export interface ConditionFailure { fact: string; actual: string; requirement: string; message: string; clause: string }
export interface MeasureResult {
  id: string; title: string; clause: string; quote: string; topic?: string; payer: 'city' | 'county' | 'shared'; payerLabel: string; frequency: string;
  status: 'eligible' | 'not_eligible' | 'not_in_force'; eligible: boolean; amount: MoneyRange; amountText: string; failures: ConditionFailure[];
  items?: { index: number; eligible: boolean; amount: MoneyRange; failures: ConditionFailure[] }[];
  steps: { text: string; clause: string; parameters?: ParameterUse[] }[]; quota?: { value: number; text: string }; reading?: string;
}
export interface Evaluation {
  policy: { id: string; title: string; city: string; number: string | null }; date: string; validity: Validity; warnings: string[];
  overrides: ParameterUse[]; measures: MeasureResult[]; eligibleCount: number; total: MoneyRange; totalText: string;
  byPayer: { city: MoneyRange; county: MoneyRange; shared: MoneyRange };
}

export interface SignOff {
  year: number; status: 'open' | 'submitted' | 'approved' | 'returned'; statusName: string; snapshotHash: string | null;
  submittedBy: string | null; submittedAt: string | null; decidedBy: string | null; decidedAt: string | null; returnReason: string | null;
}

/** GET /health: `demo` only on a server started with --demo. */
export interface Health {
  status: 'ok'; database: 'pglite' | 'postgres';
  /** The date the rules read as today; `demoDate` when it is a configured demo date (every page shows it). */
  businessDate?: string; demoDate?: boolean;
  demo?: { accounts: { username: string; displayName: string }[]; password: string };
}

/** POST /assessment/projects/import: 422 with the same shape when any row is wrong. */
/** An enterprise import queued as a job (POST /enterprises/import-jobs): progress in thousandths. */
export interface ImportJob {
  id: string; status: 'queued' | 'running' | 'done' | 'failed'; dryRun: boolean; fileName: string | null; bytes: number;
  progress: { done: number; total: number }; attempt: number;
  error: { code: string; message: string; field?: string } | null;
  regionId: string | null; createdByName: string; createdAt: string; startedAt: string | null; finishedAt: string | null;
  summary?: Pick<ImportReport, 'dryRun' | 'committed' | 'rows' | 'created' | 'updated' | 'unchanged' | 'errorsTotal' | 'changesTotal'> | null;
  report?: ImportReport | null;
}

/** An enterprise export queued as a job (POST /enterprises/export-jobs): progress in enterprises written. */
export interface ExportJob {
  id: string; status: 'queued' | 'running' | 'done' | 'failed';
  filter: { q?: string; regionId?: string; aboveScale?: boolean; chain?: string };
  fileName: string; progress: { done: number; total: number }; attempt: number;
  rows: number | null; bytes: number | null; expiresAt: string | null;
  error: { code: string; message: string; field?: string } | null;
  regionId: string | null; createdByName: string; createdAt: string; startedAt: string | null; finishedAt: string | null;
}

export interface ProjectImportReport {
  dryRun: boolean; committed: boolean; rows: number; created: number;
  errors: { row: number; column: string; message: string }[];
  errorsTotal: number; errorRows: number; errorsTruncated: boolean;
}
