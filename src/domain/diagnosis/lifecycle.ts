// A diagnosis from request to payment. Each step names who acts (checked in the access layer) and
// the statuses it may start from; the use cases write the step under the diagnosis row's lock.
//
//   requested → dispatched (派单: provider + supervisor, quota taken)
//             → contracted (签约: 合作协议 + 采购合同 on file, fee checked, fund committed)
//             → on_site (现场诊断) → reported (诊断报告, structured) ⇄ on_site (enterprise returns it)
//             → accepted (enterprise accepts and rates) → paid (provider and supervisor paid)
//   cancelled from any step before the report is accepted (quota and commitment released).
import { conflict } from '../errors.ts';

export const DIAGNOSIS_STATUSES = ['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

export const STATUS_LABELS: Record<DiagnosisStatus, string> = {
  requested: '待派单', dispatched: '已派单待签约', contracted: '已签约', on_site: '现场诊断中', reported: '报告待确认',
  accepted: '已验收待支付', paid: '已支付', cancelled: '已取消',
};

export type DiagnosisAction = 'dispatch' | 'contract' | 'start' | 'report' | 'return' | 'accept' | 'pay' | 'cancel';

const FROM: Record<DiagnosisAction, readonly DiagnosisStatus[]> = {
  dispatch: ['requested'],
  contract: ['dispatched'],
  start: ['contracted'],
  report: ['on_site'],
  return: ['reported'],
  accept: ['reported'],
  pay: ['accepted'],
  cancel: ['requested', 'dispatched', 'contracted', 'on_site', 'reported'],
};

const TO: Record<Exclude<DiagnosisAction, 'pay'>, DiagnosisStatus> = {
  dispatch: 'dispatched', contract: 'contracted', start: 'on_site', report: 'reported', return: 'on_site', accept: 'accepted', cancel: 'cancelled',
};

export const ACTION_LABELS: Record<DiagnosisAction, string> = {
  dispatch: '派单', contract: '签约', start: '进场诊断', report: '提交诊断报告', return: '退回报告', accept: '确认验收', pay: '支付', cancel: '取消',
};

/** The status after `action`, or CONFLICT naming the current status. */
export function nextStatus(status: string, action: DiagnosisAction, paidInFull = false): DiagnosisStatus {
  if (!(FROM[action] as readonly string[]).includes(status)) {
    throw conflict(`诊断项目当前${STATUS_LABELS[status as DiagnosisStatus] ?? status},不能${ACTION_LABELS[action]}`, 'status');
  }
  if (action === 'pay') return paidInFull ? 'paid' : 'accepted';
  return TO[action];
}

/** Supervision checkpoints (research maturity-models.md §4.3: a proposed model, UNCONFIRMED; kept as data). */
export const CHECKPOINTS = [
  { code: 'C0', name: '服务商准入/派单核查' },
  { code: 'C1', name: '诊断计划审核' },
  { code: 'C2', name: '启动会与现场调研' },
  { code: 'C3', name: '评测打分抽查' },
  { code: 'C4', name: '报告初稿审核' },
  { code: 'C5', name: '专家评审与企业确认' },
  { code: 'C6', name: '归档' },
  { code: 'C7', name: '改造后复评' },
] as const;
export const CHECKPOINT_CODES = CHECKPOINTS.map((c) => c.code) as [string, ...string[]];
