// The demo provider pool: an admitted diagnosis provider and supervisor in each city (their accounts
// are provider / supervisor and provider-sz / supervisor-sz), and one provider still in admission.
import type { Executor } from '../client.ts';
import { serviceOrgs } from '../schema/diagnosis.ts';
import { makeUscc } from '../../domain/uscc/uscc.ts';
import { INITIAL_STATE } from '../../domain/workflow/kernel.ts';

export const DEMO_ORGS = [
  { key: 'yz-provider', kind: 'provider', city: 'yangzhou', regionId: 'yz-hanjiang', uscc: makeUscc('9', '1', '321003', 'MA1XD001'), name: '扬州智造诊断咨询有限公司',
    contactName: '周工', contactPhone: '0514-87000001', industries: ['C'], scopes: ['chain', 'factory', 'workshop'], regionsServed: [], capacity: 20, admitted: true },
  { key: 'yz-supervisor', kind: 'supervisor', city: 'yangzhou', regionId: 'yz-guangling', uscc: makeUscc('9', '1', '321002', 'MA1JL001'), name: '江苏广陵工程项目监理有限公司',
    contactName: '吴工', contactPhone: '0514-87000002', industries: [], scopes: [], regionsServed: [], capacity: 50, admitted: true },
  { key: 'yz-provider-2', kind: 'provider', city: 'yangzhou', regionId: 'yz-baoying', uscc: makeUscc('9', '1', '321023', 'MA1XD002'), name: '宝应数字工场科技有限公司',
    contactName: '钱工', contactPhone: '0514-88000003', industries: ['C34', 'C38'], scopes: ['workshop'], regionsServed: ['yz-baoying', 'yz-gaoyou'], capacity: 5, admitted: false },
  { key: 'sz-provider', kind: 'provider', city: 'suzhou', regionId: 'sz-kunshan', uscc: makeUscc('9', '1', '320583', 'MA1XD101'), name: '昆山智能制造诊断服务有限公司',
    contactName: '陈工', contactPhone: '0512-57000001', industries: ['C'], scopes: ['factory', 'workshop'], regionsServed: [], capacity: 30, admitted: true },
  { key: 'sz-supervisor', kind: 'supervisor', city: 'suzhou', regionId: 'sz-kunshan', uscc: makeUscc('9', '1', '320583', 'MA1JL101'), name: '苏州诚信工程咨询监理有限公司',
    contactName: '林工', contactPhone: '0512-57000002', industries: [], scopes: [], regionsServed: [], capacity: 50, admitted: true },
] as const;

export type DemoOrgKey = (typeof DEMO_ORGS)[number]['key'];

/** Inserts the demo organisations (admitted ones as 入库 on `admittedOn`); their ids by key. */
export async function seedDemoOrgs(tx: Executor, admittedOn: string): Promise<Map<DemoOrgKey, string>> {
  const ids = new Map<DemoOrgKey, string>();
  for (const o of DEMO_ORGS) {
    const { key, admitted, ...values } = o;
    const [row] = await tx.insert(serviceOrgs).values({
      ...values, industries: [...values.industries], scopes: [...values.scopes], regionsServed: [...values.regionsServed],
      introduction: `${values.name}(演示数据)`,
      status: admitted ? 'approved' : 'draft', standing: admitted ? 'good' : 'none',
      workflow: admitted ? { ...INITIAL_STATE, status: 'approved', step: 3 } : INITIAL_STATE,
      admittedOn: admitted ? admittedOn : null, reviewDueOn: admitted ? `${Number(admittedOn.slice(0, 4)) + 1}${admittedOn.slice(4)}` : null,
    }).returning({ id: serviceOrgs.id });
    ids.set(key, row!.id);
  }
  return ids;
}
