// The assessment follows the money (附件2 指标说明 1): an 智能化改造 project counts for its region's
// target once it has received a county-or-higher subsidy in that year — here, on its first payment,
// in the year of the payment. No one enters it twice; a full reclaim takes it out again.
import type { Executor } from '../../db/client.ts';
import type { ApplicationRow } from '../../db/repositories/application-repository.ts';
import { loadTargets } from '../../db/repositories/assessment-repository.ts';
import { deleteProjectOfApplication, insertProjectFromApplication } from '../../db/repositories/assessment-records-repository.ts';
import { shareLockSignOff } from '../../db/repositories/sign-off-repository.ts';
import { policyMeasure } from '../applications/application-support.ts';

export interface AssessmentEffect {
  counted: boolean;
  note: string | null;
}

const RETROFIT_TOPIC = 'smart_retrofit';

export async function countPaidProject(tx: Executor, app: ApplicationRow, enterpriseName: string, paidOn: string, voucher: string): Promise<AssessmentEffect> {
  const { measure } = policyMeasure(app.policyId, app.measureId);
  if (measure.topic !== RETROFIT_TOPIC) return { counted: false, note: null };
  const year = Number(paidOn.slice(0, 4));
  const targets = await loadTargets(tx, year);
  if (!targets?.regions.some((r) => r.regionId === app.regionId)) return { counted: false, note: `${year}年该地区不在县区考核目标表中,不计入考核` };
  const signOff = await shareLockSignOff(tx, year);
  if (signOff.status === 'submitted' || signOff.status === 'approved') {
    return { counted: false, note: `${year}年度考核结果已提交审定,该项目未自动计入;如需计入请考核办退回后补录` };
  }
  const row = await insertProjectFromApplication(tx, {
    year, regionId: app.regionId, category: 'retrofit', title: `${app.title}(${app.number})`, enterpriseName, enterpriseId: app.enterpriseId,
    countedOn: paidOn, subsidyLevel: app.cityPartFen ? 'city' : 'county', applicationId: app.id,
    evidence: [{ kind: 'subsidy-voucher', title: `奖补资金拨付凭证 ${voucher}` }],
  });
  return { counted: !!row, note: row ? `已计入${year}年智能化改造项目(附件2 指标说明1)` : null };
}

export async function uncountReclaimedProject(tx: Executor, app: ApplicationRow): Promise<void> {
  const year = app.year;
  const signOff = await shareLockSignOff(tx, year);
  if (signOff.status === 'submitted' || signOff.status === 'approved') return;
  await deleteProjectOfApplication(tx, app.id);
}
