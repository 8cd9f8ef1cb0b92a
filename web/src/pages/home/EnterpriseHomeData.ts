// GET /enterprises/:id/entitlements: 可享政策 from the enterprise's own file. Shared by the
// enterprise's home page and the calculator's “prefill from the file”.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type FindingStatus = 'eligible' | 'near' | 'not_met' | 'not_applicable';

export interface Finding {
  id: string; title: string; clause: string; quote: string; topic: string | null; status: FindingStatus;
  amount: { min: number; max: number | null }; amountText: string; payer: 'city' | 'county' | 'shared'; payerLabel: string;
  failures: { fact: string; actual: string; requirement: string; message: string; clause: string }[];
  missing: { fact: string; label: string; condition: string }[];
  conclusion: string; reading: string | null;
  claim: 'application' | 'diagnosis';
  evidence: { id: string; label: string; basis: string }[];
}

export interface Validity { from: string; to: string; status: 'in_force' | 'not_yet_in_force' | 'expired'; message: string; clause: string; daysLeft?: number }

export interface Entitlements {
  enterprise: { id: string; name: string; uscc: string; regionId: string; legalForm: 'independent' | 'branch' };
  date: string;
  year: number;
  factsFromFile: string[];
  pendingClaims: number;
  policies: { policyId: string; shortTitle: string; title: string; number: string | null; city: string; validity: Validity; facts: Record<string, unknown>; measures: Finding[] }[];
  otherPolicies: { policyId: string; shortTitle: string; number: string | null; validity: Validity }[];
}

/** Keyed under ['enterprise', id] so that a confirmed or submitted certification refreshes it too. */
export const entitlementsKey = (enterpriseId: string) => ['enterprise', enterpriseId, 'entitlements'] as const;

export function useEntitlements(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: entitlementsKey(enterpriseId ?? ''), enabled: !!enterpriseId,
    queryFn: () => api.get<Entitlements>(`/enterprises/${encodeURIComponent(enterpriseId!)}/entitlements`),
  });
}
