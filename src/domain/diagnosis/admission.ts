// Admission to the provider pool and what follows it. The steps are the ones the research found
// in use (applications-and-diagnosis.md §1.5, SECONDARY): 申报 → 属地初审/推荐 → 专家评审 → 公示 →
// 入库, a yearly 复核, and 警告 → 限期整改 → 暂停/取消资格 with a 申诉. Neither text prescribes the
// procedure, so the chain is data like any review chain and the 公示 length a setting.
import { invalid } from '../errors.ts';
import type { ReviewChain } from '../workflow/chain.ts';

export const ADMISSION_CHAIN: ReviewChain = {
  steps: [
    { id: 'local-review', name: '属地初审', kind: 'review', role: 'region_officer', scope: 'region', mode: 'any' },
    { id: 'expert-review', name: '专家评审', kind: 'review', role: 'city_reviewer', scope: 'city', mode: 'any' },
    { id: 'publicity', name: '公示', kind: 'publicity', role: 'city_admin', scope: 'city', mode: 'any' },
    { id: 'admission', name: '入库', kind: 'approval', role: 'city_admin', scope: 'city', mode: 'any' },
  ],
  // 7 calendar days, as for applications (research §1.3); no pool-specific length was found.
  publicity: { length: 7, unit: 'calendar' },
};

export const ORG_KINDS = ['provider', 'supervisor'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = { provider: '诊断服务商', supervisor: '第三方监理机构' };

export type Standing = 'none' | 'good' | 'warned' | 'rectifying' | 'suspended' | 'removed';
export const STANDING_LABELS: Record<Standing, string> = {
  none: '未入库', good: '正常', warned: '警告', rectifying: '限期整改', suspended: '暂停', removed: '取消资格',
};

export type Sanction = 'warn' | 'rectify' | 'suspend' | 'remove' | 'restore';
const SANCTION_TO: Record<Sanction, Standing> = { warn: 'warned', rectify: 'rectifying', suspend: 'suspended', remove: 'removed', restore: 'good' };
export const SANCTION_LABELS: Record<Sanction, string> = { warn: '警告', rectify: '限期整改', suspend: '暂停派单', remove: '取消资格(出库)', restore: '恢复正常' };

/** The standing after a sanction, or INVALID: only admitted organisations are sanctioned; removal is final but for an appeal. */
export function applySanction(standing: Standing, sanction: Sanction, rectifyBy: string | undefined, today: string): Standing {
  if (standing === 'none') throw invalid('action', '该机构尚未入库,不能处理');
  if (standing === 'removed' && sanction !== 'restore') throw invalid('action', '该机构已取消资格;只有申诉成立后才能恢复');
  if (sanction === 'restore' && standing === 'good') throw invalid('action', '该机构状态正常,无需恢复');
  if (sanction === 'rectify') {
    if (!rectifyBy) throw invalid('rectifyBy', '限期整改须写明整改期限(YYYY-MM-DD)');
    if (rectifyBy <= today) throw invalid('rectifyBy', `整改期限须晚于今天(${today})`);
  }
  return SANCTION_TO[sanction];
}

/** May the organisation take new diagnoses (be dispatched)? */
export function dispatchable(org: { status: string; standing: string }): string | null {
  if (org.status !== 'approved') return '尚未入库';
  if (org.standing === 'suspended') return '已被暂停派单';
  if (org.standing === 'removed') return '已取消资格(出库)';
  return null;
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February rolls to 28 February in a common year.
  const day = m === 2 && d === 29 && !((y + years) % 4 === 0 && ((y + years) % 100 !== 0 || (y + years) % 400 === 0)) ? 28 : d;
  return `${y + years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
