// Shapes of the money path's answers: applications (申报 → 审核 → 公示 → 批准 → 拨付 → 验收), their
// forms, evidence and history, 公示 batches with objections, funds and their ledgers, reports and the
// holiday calendar. Amounts are integer fen throughout. Kept by hand beside the client (see types.ts).
import type { Role } from './types.ts';

export type ApplicationStatus = 'draft' | 'in_review' | 'in_publicity' | 'returned' | 'approved' | 'rejected';
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected'];
export type StepKind = 'review' | 'publicity' | 'approval';
export type Payer = 'city' | 'county' | 'shared';
export type Acceptance = 'none' | 'passed' | 'failed';

export interface CurrentStep { index: number; id: string; name: string; kind: StepKind; role: Role }

export interface Application {
  id: string; number: string; enterpriseId: string; enterpriseName: string | null; uscc: string | null; regionId: string; city: 'yangzhou' | 'suzhou';
  policyId: string; measureId: string; measureTitle: string; clause: string; year: number; status: ApplicationStatus;
  /** The step the application waits on (null when not under review; see useCurrentSteps for lists). */
  currentStep: CurrentStep | null;
  eligible: boolean; minFen: number; maxFen: number | null; amountText: string; payer: Payer;
  approvedFen: number | null; cityPartFen: number | null; countyPartFen: number | null; advanceFen: number;
  disbursedFen: number; reclaimedFen: number; acceptance: Acceptance; acceptanceNote: string | null; acceptedOn: string | null;
  evaluatedOn: string; submittedAt: string | null; decidedAt: string | null; version: number; createdAt: string; updatedAt: string;
}

export type FieldType = 'money' | 'count' | 'level' | 'boolean' | 'enum' | 'codes';
export interface FormField {
  /** `annual_investment`, or `projects.annual_investment` for the one item of a per-item measure. */
  path: string; label: string; type: FieldType; unit?: string; values?: { code: string; label: string }[];
  min?: number; max?: number; required: boolean;
  /** Decided by the enterprise file (a government determination): shown, never sent. */
  fromFile: boolean;
}
export interface EvidenceItemDef { id: string; label: string; basis: string }
export interface ChainStep {
  id: string; name: string; kind: StepKind; role: Role; scope: 'region' | 'city'; mode: 'any' | 'all' | 'sequential'; assignees?: string[];
}
export interface PublicityRule { length: number; unit: 'calendar' | 'working' }

/** GET /application-forms/{policyId}/{measureId}. */
export interface ApplicationForm {
  policyId: string; measureId: string; title: string; clause: string; quote: string; payer: Payer; forEach: string | null;
  validity: { from: string; to: string; clause?: string; quote?: string; reading?: string }; year: number;
  fields: FormField[]; evidence: EvidenceItemDef[]; acceptanceEvidence: EvidenceItemDef[];
  chain: { steps: ChainStep[]; publicity: PublicityRule };
}

export interface DuplicateFile { applicationId: string; number: string; enterpriseName: string; year: number; measureId: string }
export type EvidenceStatus = 'pending' | 'accepted' | 'needs_correction';
export interface EvidenceFile {
  id: string; fileName: string; sha256: string; status: EvidenceStatus; reviewNote: string | null; reviewedBy: string | null;
  uploadedBy: string; uploadedAt: string; duplicates: DuplicateFile[];
}
export interface EvidenceItem extends EvidenceItemDef { stage: 'application' | 'acceptance'; files: EvidenceFile[] }

export interface HistoryEntry {
  at: string; actorName: string; actorRole: string; action: string; stepName: string | null; opinion: string | null;
  fromStatus: ApplicationStatus; toStatus: ApplicationStatus; summary: string; snapshot: unknown;
}

export interface PublicityBatch {
  id: string; city: 'yangzhou' | 'suzhou'; title: string; startsOn: string; endsOn: string; length: number; unit: 'calendar' | 'working';
  status: 'open' | 'closed'; contact: string; createdBy: string; createdAt: string; closedAt: string | null;
}
export interface Objection {
  id: string; batchId: string; applicationId: string; name: string; organisation: string | null; phone: string; content: string; receivedOn: string;
  status: 'open' | 'upheld' | 'dismissed'; resolution: string | null; resolvedBy: string | null; resolvedAt: string | null; recordedBy: string;
}
export interface PublicityItem {
  applicationId: string; number: string; enterpriseName: string; uscc: string; regionId: string; regionName: string;
  measureTitle: string; clause: string; amountText: string; status: ApplicationStatus;
}
export interface PublicityDetail { batch: PublicityBatch; items: PublicityItem[]; objections: Objection[] }

export type LedgerKind = 'budget' | 'commit' | 'release' | 'disburse' | 'reclaim';
export interface LedgerEntry {
  id: number; kind: LedgerKind; applicationId?: string | null; amountFen: number; paidOn: string | null; voucher: string | null;
  purpose: 'advance' | 'award' | null; clause?: string | null; note: string | null; actorName: string; at: string;
}

export interface ApplicationActions {
  edit: boolean; submit: boolean; withdraw: boolean; review: boolean; approveWithAmount: boolean; accept: boolean; disburse: boolean; reclaim: boolean;
}
export interface ApprovalPreview {
  funds: { level: 'city' | 'county'; fundId: string | null; fundName: string | null; budgetFen: number | null; remainingFen: number | null }[];
  yearlyCaps: { key: string; capFen: number; text: string; usedFen: number; remainingFen: number }[];
  targetEffect: { category: string; target: number; done: number; after: number; note: string } | null;
  openObjections: number;
}
export interface ExplanationStep { text: string; clause: string; parameters?: { name: string; label: string; value: string; from: string; clause: string; original?: string }[] }
export interface Supplier { uscc: string; name: string; note?: string }

export interface ApplicationDetail {
  application: Application;
  evaluation: {
    steps: ExplanationStep[]; failures: { fact: string; actual: string; requirement: string; message: string; clause: string }[];
    parameters: ExplanationStep['parameters']; validity: { from: string; to: string; status: 'in_force' | 'not_yet_in_force' | 'expired'; message: string; clause: string };
    quote: string; payerLabel: string; date: string; yearlyCaps: { key: string; capFen: number; text: string }[];
  };
  facts: Record<string, unknown>;
  suppliers: Supplier[];
  /** Declared suppliers that diagnosed this enterprise (利益冲突). */
  conflicts: { uscc: string; name: string; note: string | null; providerId: string; diagnosisNumber: string; diagnoses: { id: string; number: string }[] }[];
  chain: { steps: (ChainStep & { index: number; done: boolean })[]; publicity: PublicityRule };
  evidence: EvidenceItem[];
  history: HistoryEntry[];
  publicity: PublicityBatch | null;
  objections: Objection[];
  ledger: LedgerEntry[];
  actions: ApplicationActions;
  preview: ApprovalPreview | null;
}

export interface Fund {
  id: string; city: 'yangzhou' | 'suzhou'; year: number; level: 'city' | 'county'; regionId: string | null; name: string;
  budgetFen: number; committedFen: number; disbursedFen: number; remainingFen: number; measures: string[];
  floorFen: number | null; floorClause: string | null; floorWarning: string | null; version: number;
}
export interface FundDetail { fund: Fund; ledger: LedgerEntry[] }

export interface ReportGroup { key: string; count: number; approvedFen: number; disbursedFen: number }
export interface ApplicationsReport {
  byStatus: ReportGroup[]; byMeasure: (ReportGroup & { title: string })[]; byRegion: (ReportGroup & { regionName: string })[];
  byMonth: ReportGroup[]; funds: Fund[];
}

export interface CalendarDay { day: string; kind: 'holiday' | 'workday'; note: string }
export interface CalendarYear { year: number; days: CalendarDay[] }

export const CITY_POLICY_NAME: Record<'yangzhou' | 'suzhou', string> = { yangzhou: '扬州市', suzhou: '苏州市' };
