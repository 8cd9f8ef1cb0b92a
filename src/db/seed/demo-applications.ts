// Demo applications at every stage in both cities, made through the use cases themselves (so they
// are exactly what users would have produced): funds, the 2022–2024 holiday calendar, drafts,
// applications waiting at each review step, one returned, one in 公示, approved and paid ones.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { users } from '../schema/core.ts';
import { enterprises } from '../schema/enterprises.ts';
import type { Actor } from '../../domain/actor.ts';
import type { FileStore } from '../../io/file-store.ts';
import { replaceConfirmedCertifications } from '../repositories/enterprise-repository.ts';
import { approveApplication } from '../../use-cases/applications/approve-application.ts';
import { createApplication } from '../../use-cases/applications/create-application.ts';
import { getApplication } from '../../use-cases/applications/get-application.ts';
import { returnApplication } from '../../use-cases/applications/return-application.ts';
import { submitApplication } from '../../use-cases/applications/submit-application.ts';
import { uploadEvidence } from '../../use-cases/applications/upload-evidence.ts';
import { createFund } from '../../use-cases/funds/create-fund.ts';
import { disburse } from '../../use-cases/funds/disburse.ts';
import { recordAcceptance } from '../../use-cases/funds/record-acceptance.ts';
import { setCalendarYear } from '../../use-cases/publicity/holiday-calendar.ts';
import { publishBatch } from '../../use-cases/publicity/publish-batch.ts';
import { closePublicityPeriods } from '../../use-cases/publicity/close-due-batches.ts';

/**
 * 国务院办公厅 holiday notices for 2022–2024: weekdays off and weekend days worked (调休). Seeded as
 * the city's calendar; the city admin keeps it from then on (日历 page, PUT /calendar/{year}).
 */
const CALENDAR: Record<number, [string, 'holiday' | 'workday', string][]> = {
  2022: [
    ['2022-01-03', 'holiday', '元旦'], ['2022-01-29', 'workday', '春节调休'], ['2022-01-30', 'workday', '春节调休'],
    ['2022-01-31', 'holiday', '春节'], ['2022-02-01', 'holiday', '春节'], ['2022-02-02', 'holiday', '春节'], ['2022-02-03', 'holiday', '春节'], ['2022-02-04', 'holiday', '春节'],
    ['2022-04-02', 'workday', '清明节调休'], ['2022-04-04', 'holiday', '清明节'], ['2022-04-05', 'holiday', '清明节'],
    ['2022-04-24', 'workday', '劳动节调休'], ['2022-05-02', 'holiday', '劳动节'], ['2022-05-03', 'holiday', '劳动节'], ['2022-05-04', 'holiday', '劳动节'], ['2022-05-07', 'workday', '劳动节调休'],
    ['2022-06-03', 'holiday', '端午节'], ['2022-09-12', 'holiday', '中秋节'],
    ['2022-10-03', 'holiday', '国庆节'], ['2022-10-04', 'holiday', '国庆节'], ['2022-10-05', 'holiday', '国庆节'], ['2022-10-06', 'holiday', '国庆节'], ['2022-10-07', 'holiday', '国庆节'],
    ['2022-10-08', 'workday', '国庆节调休'], ['2022-10-09', 'workday', '国庆节调休'],
  ],
  2023: [
    ['2023-01-02', 'holiday', '元旦'], ['2023-01-23', 'holiday', '春节'], ['2023-01-24', 'holiday', '春节'], ['2023-01-25', 'holiday', '春节'], ['2023-01-26', 'holiday', '春节'], ['2023-01-27', 'holiday', '春节'],
    ['2023-01-28', 'workday', '春节调休'], ['2023-01-29', 'workday', '春节调休'], ['2023-04-05', 'holiday', '清明节'],
    ['2023-04-23', 'workday', '劳动节调休'], ['2023-05-01', 'holiday', '劳动节'], ['2023-05-02', 'holiday', '劳动节'], ['2023-05-03', 'holiday', '劳动节'], ['2023-05-06', 'workday', '劳动节调休'],
    ['2023-06-22', 'holiday', '端午节'], ['2023-06-23', 'holiday', '端午节'], ['2023-06-25', 'workday', '端午节调休'],
    ['2023-09-29', 'holiday', '中秋节'], ['2023-10-02', 'holiday', '国庆节'], ['2023-10-03', 'holiday', '国庆节'], ['2023-10-04', 'holiday', '国庆节'], ['2023-10-05', 'holiday', '国庆节'], ['2023-10-06', 'holiday', '国庆节'],
    ['2023-10-07', 'workday', '国庆节调休'], ['2023-10-08', 'workday', '国庆节调休'],
  ],
  2024: [
    ['2024-01-01', 'holiday', '元旦'], ['2024-02-04', 'workday', '春节调休'], ['2024-02-12', 'holiday', '春节'], ['2024-02-13', 'holiday', '春节'], ['2024-02-14', 'holiday', '春节'],
    ['2024-02-15', 'holiday', '春节'], ['2024-02-16', 'holiday', '春节'], ['2024-02-18', 'workday', '春节调休'], ['2024-04-04', 'holiday', '清明节'], ['2024-04-05', 'holiday', '清明节'],
    ['2024-04-07', 'workday', '清明节调休'], ['2024-04-28', 'workday', '劳动节调休'], ['2024-05-01', 'holiday', '劳动节'], ['2024-05-02', 'holiday', '劳动节'], ['2024-05-03', 'holiday', '劳动节'],
    ['2024-05-11', 'workday', '劳动节调休'], ['2024-06-10', 'holiday', '端午节'], ['2024-09-14', 'workday', '中秋节调休'], ['2024-09-16', 'holiday', '中秋节'], ['2024-09-17', 'holiday', '中秋节'],
    ['2024-09-29', 'workday', '国庆节调休'], ['2024-10-01', 'holiday', '国庆节'], ['2024-10-02', 'holiday', '国庆节'], ['2024-10-03', 'holiday', '国庆节'], ['2024-10-04', 'holiday', '国庆节'],
    ['2024-10-07', 'holiday', '国庆节'], ['2024-10-12', 'workday', '国庆节调休'],
  ],
};

const demoPdf = (label: string) => Buffer.from(`%PDF-1.4\n% 演示材料:${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'utf8');

export async function seedDemoApplications(db: Db, files: FileStore, today: string): Promise<void> {
  const people = new Map((await db.select().from(users)).map((u) => [u.username, u]));
  const as = (username: string): Actor => {
    const u = people.get(username);
    if (!u) throw new Error(`demo account ${username} missing`);
    return { userId: u.id, name: u.username, displayName: u.displayName, role: u.role as Actor['role'], regionId: u.regionId, enterpriseId: u.enterpriseId, ip: null };
  };
  if (!people.has('qiye') || !people.has('qiye-sz')) return; // too few demo enterprises
  const admin = as('admin');
  const finance = as('finance');

  for (const [year, days] of Object.entries(CALENDAR)) {
    await setCalendarYear(db, admin, Number(year), { days: days.map(([day, kind, note]) => ({ day, kind, note })) });
  }
  // Budgets as the texts set them (扬州 附件1 一 ≥1亿元, 三(一) ≥3000万元); 高邮's below its floor, to be seen flagged.
  await createFund(db, finance, { city: 'yangzhou', year: 2023, level: 'city', budgetFen: 120_000_000_00 });
  await createFund(db, finance, { city: 'yangzhou', year: 2023, level: 'county', regionId: 'yz-baoying', budgetFen: 30_000_000_00 });
  await createFund(db, finance, { city: 'yangzhou', year: 2023, level: 'county', regionId: 'yz-gaoyou', budgetFen: 20_000_000_00 });
  await createFund(db, finance, { city: 'suzhou', year: 2023, level: 'city', budgetFen: 80_000_000_00 });
  await createFund(db, finance, { city: 'suzhou', year: 2023, level: 'county', regionId: 'sz-kunshan', budgetFen: 30_000_000_00 });

  // The Suzhou demo enterprise became a 五星级上云企业 in 2023 (confirmed by 昆山市).
  const szEnterprise = people.get('qiye-sz')!.enterpriseId!;
  const [sz] = await db.select().from(enterprises).where(eq(enterprises.id, szEnterprise));
  await replaceConfirmedCertifications(db, szEnterprise, [{ kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2023 }]);
  void sz;

  const open = async (who: Actor, policyId: string, measureId: string, facts: Record<string, unknown>, enterpriseId?: string) =>
    createApplication(db, who, { policyId, measureId, facts, ...(enterpriseId ? { enterpriseId } : {}) }, today);
  const withEvidence = async (who: Actor, id: string, stage: 'application' | 'acceptance' = 'application') => {
    const d = await getApplication(db, who, id);
    for (const item of d.evidence.filter((e) => e.stage === stage)) {
      await uploadEvidence(db, who, id, { itemId: item.id, fileName: `${item.label}.pdf`, stage, data: demoPdf(`${id}-${item.id}`) }, files);
    }
  };
  const version = async (id: string) => (await getApplication(db, admin, id)).application.version;
  const submit = async (who: Actor, id: string) => submitApplication(db, who, id, { version: await version(id) }, today);
  const approve = async (who: Actor, id: string, extra: Record<string, unknown> = {}) => approveApplication(db, who, id, { version: await version(id), ...extra });

  const qiye = as('qiye');
  const qiyeSz = as('qiye-sz');
  const baoying = as('baoying');
  const baoying2 = as('baoying2');
  const kunshan = as('kunshan');
  const kunshan2 = as('kunshan2');
  const reviewer = as('reviewer');

  // 扬州: a draft; one waiting for 县区初审; one returned; one at 市级复审 (prepared by the officer).
  await open(qiye, 'yangzhou-2022-20', 'smart-retrofit', { 'projects.annual_investment': '2200万元' });
  const waiting = await open(qiye, 'yangzhou-2022-20', 'smart-retrofit', { 'projects.annual_investment': '2600万元' });
  await withEvidence(qiye, waiting.id);
  await submit(qiye, waiting.id);
  const returned = await open(qiye, 'yangzhou-2022-20', 'first-set-equipment', { 'products.first_set_level': 'provincial', 'products.annual_sales': '1500万元' });
  await withEvidence(qiye, returned.id);
  await submit(qiye, returned.id);
  await returnApplication(db, baoying, returned.id, { version: await version(returned.id), to: 'applicant', reason: '首台(套)目录文件不清晰,请上传加盖公章的扫描件' });
  const other = (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.regionId, 'yz-baoying'))).map((e) => e.id).find((e) => e !== qiye.enterpriseId);
  if (other) {
    const platform = await open(baoying, 'yangzhou-2022-20', 'industrial-internet-platform', { platform_level: 'provincial', platform_annual_investment: '1000万元' }, other);
    await withEvidence(baoying, platform.id);
    await submit(baoying, platform.id);
    await approve(baoying2, platform.id, { opinion: '经现场核查,平台投入属实' });
  }

  // 扬州: one approved, accepted and paid; one in 公示 (published today).
  const paid = await open(qiye, 'yangzhou-2022-20', 'smart-retrofit', { 'projects.annual_investment': '2500万元' });
  await withEvidence(qiye, paid.id);
  await submit(qiye, paid.id);
  await approve(baoying, paid.id, { opinion: '投资额与审计报告一致' });
  await approve(reviewer, paid.id, { opinion: '同意' });
  const inPublicity = await open(qiye, 'yangzhou-2022-20', 'smart-retrofit', { 'projects.annual_investment': '3000万元' });
  await withEvidence(qiye, inPublicity.id);
  await submit(qiye, inPublicity.id);
  await approve(baoying, inPublicity.id, { opinion: '属实' });
  await approve(reviewer, inPublicity.id, { opinion: '同意' });

  // 苏州: 贴息 approved and paid; a 五星级上云 voucher (分级承担) waiting at 县区初审.
  const loan = await open(kunshan, 'suzhou-2020', 'loan-interest-city', { 'projects.loan_via_platform': true, 'projects.loan_amount': '10000万元' }, szEnterprise);
  await withEvidence(kunshan, loan.id);
  await submit(kunshan, loan.id);
  await approve(kunshan2, loan.id, { opinion: '贷款合同与放款凭证相符' });
  await approve(reviewer, loan.id, { opinion: '同意' });
  const cloud = await open(qiyeSz, 'suzhou-2020', 'cloud-five-star', {});
  await withEvidence(qiyeSz, cloud.id);
  await submit(qiyeSz, cloud.id);

  // 公示 that have run their course (before the demo date) for the two to be paid…
  await publishBatch(db, admin, { title: '2023年扬州市智改数转专项资金第一批拟支持项目公示', applicationIds: [paid.id], contact: '扬州市工信局技术改造处,电话 0514-87360000' }, '2023-05-15');
  await publishBatch(db, admin, { title: '2023年苏州市智能化改造贷款贴息拟支持项目公示', applicationIds: [loan.id], contact: '苏州市工信局,电话 0512-68610000' }, '2023-05-15');
  await closePublicityPeriods(db, today);
  await approve(admin, paid.id, { amountFen: 325_000_000, opinion: '同意按测算上限支持' });
  await approve(admin, loan.id, { amountFen: 100_000_000, opinion: '同意' });
  for (const [who, id] of [[baoying, paid.id], [kunshan, loan.id]] as const) {
    await withEvidence(who, id, 'acceptance');
    await recordAcceptance(db, who, id, { version: await version(id), result: 'passed', note: '项目已建成投用,现场核查属实' }, today);
  }
  await disburse(db, finance, paid.id, { amountFen: 325_000_000, paidOn: today, voucher: 'YZCZ-2023-0601-001', purpose: 'award' }, today);
  await disburse(db, finance, loan.id, { amountFen: 100_000_000, paidOn: today, voucher: 'SZCZ-2023-0601-001', purpose: 'award' }, today);
  // …and one that opens today.
  await publishBatch(db, admin, { title: '2023年扬州市智改数转专项资金第二批拟支持项目公示', applicationIds: [inPublicity.id], contact: '扬州市工信局技术改造处,电话 0514-87360000' }, today);
}
