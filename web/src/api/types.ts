// Shapes of the API's answers (see /api/v1/openapi.json). Kept by hand beside the client because
// the web app only reads what it shows.
import type { Role } from '../../../src/domain/actor.ts';

export type { Role };

export interface User {
  id: string; username: string; displayName: string; role: Role;
  regionId: string | null; enterpriseId: string | null; disabled: boolean; locked: boolean; createdAt: string;
}

export interface Session { user: User; csrfToken: string; idleTimeoutSeconds?: number }

export interface Region { id: string; city: 'yangzhou' | 'suzhou'; name: string; level: string; parentId: string | null; adminCode: string; scored: boolean }

export type CertificationKind = 'integration' | 'cloud' | 'recognition';
export interface Certification { kind: CertificationKind; level: string; title: string; year: number }

export interface Enterprise {
  id: string; uscc: string; name: string; regionId: string; industryCode: string; aboveScale: boolean; chains: string[];
  legalForm: 'independent' | 'branch'; contactName: string | null; contactPhone: string | null; contactEmail: string | null;
  address: string | null; certifications: Certification[]; version: number; createdAt: string; updatedAt: string;
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface ImportReport {
  dryRun: boolean; committed: boolean; rows: number; created: number; updated: number; unchanged: number;
  errors: { row: number; column: string; message: string }[];
}

export interface AuditEntry {
  seq: number; at: string; actorId: string | null; actorName: string; action: string; entity: string; entityId: string | null;
  before: unknown; after: unknown; ip: string | null; result: string; hash: string;
}
export interface AuditVerify { ok: boolean; count: number; problems: { seq: number; kind: string; message: string }[] }

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
