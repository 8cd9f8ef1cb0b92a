// 免申即享 over the enterprise file (POST /policies/:id/file-match, GET /file-matches …) and the
// yearly facts of an enterprise's file (GET/PUT/DELETE /enterprises/:id/facts).
import { api, download } from './client.ts';

export interface FileMatchParams {
  policyId: string; date: string; regionId?: string; industry?: string; aboveScale?: boolean; chain?: string; certification?: string;
  overrides?: Record<string, string>;
}
export interface ParameterUse { name: string; label: string; value: string; from: string; clause: string; original?: string }
export interface FileMatchMeasure {
  id: string; title: string; clause: string; payer: string; payerLabel: string; eligible: number; notEligible: number; missing: number;
  min: number; max: number | null; missingFacts: { fact: string; label: string; enterprises: number }[];
  scenario?: { eligible: number; min: number; max: number | null };
}
export interface FileMatchRow { enterpriseId: string; uscc: string; name: string; regionId: string; region: string; measureId: string; clause: string; min: number; max: number | null }
export interface FileMatchResult {
  policy: { id: string; title: string; city: string }; date: string; year: number;
  validity: { status: string; message: string; clause: string }; warnings: string[]; overrides: ParameterUse[];
  enterprises: number; entitled: number; measures: FileMatchMeasure[];
  total: { min: number; max: number | null }; scenarioTotal?: { min: number; max: number | null };
  byRegion: { regionId: string; region: string; enterprises: number; entitled: number; min: number; max: number | null }[];
  matches: FileMatchRow[]; matchesTruncated: boolean;
}
export interface FileMatchJob {
  id: string; status: 'queued' | 'running' | 'done' | 'failed'; params: FileMatchParams; policyTitle: string;
  progress: { done: number; total: number }; attempt: number; error: { code: string; message: string; field?: string } | null;
  regionId: string | null; createdByName: string; createdAt: string; startedAt: string | null; finishedAt: string | null;
  summary?: { enterprises: number; entitled: number; total: { min: number; max: number | null } } | null;
  result?: FileMatchResult | null;
}

export const startFileMatch = ({ policyId, ...body }: FileMatchParams) => api.post<FileMatchJob>(`/policies/${encodeURIComponent(policyId)}/file-match`, body);
export const fileMatchJob = (id: string, withResult: boolean) => api.get<FileMatchJob>(`/file-matches/${encodeURIComponent(id)}`, { result: withResult });
export const recentFileMatches = () => api.get<FileMatchJob[]>('/file-matches', { limit: 20 });
export const exportFileMatch = (id: string) => download(`/file-matches/${encodeURIComponent(id)}/export`, undefined, '免申即享匹配.xlsx');

export interface EnterpriseFact {
  id: string; enterpriseId: string; year: number; fact: string; label: string; type: string; value: unknown; display: string;
  evidence: string; evidenceFile: string | null; recordedByName: string; recordedAt: string; version: number;
}
export const enterpriseFacts = (id: string) => api.get<EnterpriseFact[]>(`/enterprises/${encodeURIComponent(id)}/facts`);
export const recordEnterpriseFact = (id: string, body: { year: number; fact: string; value: unknown; evidence: string; version?: number }) =>
  api.put<EnterpriseFact>(`/enterprises/${encodeURIComponent(id)}/facts`, body);
export const deleteEnterpriseFact = (id: string, fact: EnterpriseFact) =>
  api.delete<{ deleted: boolean }>(`/enterprises/${encodeURIComponent(id)}/facts/${encodeURIComponent(fact.id)}?version=${fact.version}`);
