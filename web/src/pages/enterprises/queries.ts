// The queue queries the enterprise list shows counts of (badges) and their own pages list.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { EnterpriseTransfer, PendingClaim } from '../../api/types.ts';

export type TransferStatus = EnterpriseTransfer['status'];

/** GET /certification-claims: pending claims in the reviewer's scope. */
export const usePendingClaims = (enabled = true) =>
  useQuery({ queryKey: ['certification-claims'], queryFn: () => api.get<PendingClaim[]>('/certification-claims'), enabled });

/** GET /enterprise-transfers, all or of one status. */
export const useTransfers = (status: TransferStatus | undefined, enabled = true) =>
  useQuery({ queryKey: ['enterprise-transfers', status ?? 'all'], queryFn: () => api.get<EnterpriseTransfer[]>('/enterprise-transfers', { status }), enabled });
