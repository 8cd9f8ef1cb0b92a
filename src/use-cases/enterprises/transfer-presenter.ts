import type { TransferRow } from '../../db/repositories/enterprise-transfer-repository.ts';

/** `enterpriseName` is null for a reader who may not see the enterprise yet (it is filed elsewhere). */
export function presentTransfer(t: TransferRow, e: { uscc: string; enterpriseName: string | null }) {
  return {
    id: t.id,
    enterpriseId: e.enterpriseName === null ? null : t.enterpriseId,
    uscc: e.uscc,
    enterpriseName: e.enterpriseName,
    fromRegionId: e.enterpriseName === null ? null : t.fromRegionId,
    toRegionId: t.toRegionId,
    reason: t.reason,
    status: t.status as 'pending' | 'approved' | 'rejected',
    requestedBy: t.requestedByName,
    requestedAt: t.requestedAt.toISOString(),
    decidedBy: t.decidedByName,
    decidedAt: t.decidedAt?.toISOString() ?? null,
    decisionNote: t.decisionNote,
  };
}
export type TransferView = ReturnType<typeof presentTransfer>;
