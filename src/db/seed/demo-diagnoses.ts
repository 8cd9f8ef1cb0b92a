// Demo diagnoses at every stage in both cities, run through the use cases (so every rule applies):
// 扬州 — paid (with its report and supervision), reported (awaiting the enterprise), on site,
// dispatched, requested; 苏州 — accepted awaiting payment, contracted, requested. Plus the 扬州
// enterprise's self-assessment before the diagnosis, and 苏州 (六)(七) services.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { users } from '../schema/core.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Sme2024Instrument } from '../../domain/maturity/instrument.ts';
import { getInstrument } from '../../io/instruments.ts';
import type { FileStore } from '../../io/file-store.ts';
import { acceptDiagnosis } from '../../use-cases/diagnoses/accept-diagnosis.ts';
import { contractDiagnosis } from '../../use-cases/diagnoses/contract-diagnosis.ts';
import { dispatchDiagnosis } from '../../use-cases/diagnoses/dispatch-diagnosis.ts';
import { getDiagnosis } from '../../use-cases/diagnoses/list-diagnoses.ts';
import { payDiagnosis } from '../../use-cases/diagnoses/pay-diagnosis.ts';
import { recordCheckpoint } from '../../use-cases/diagnoses/record-checkpoint.ts';
import { recordService } from '../../use-cases/diagnoses/record-service.ts';
import { requestDiagnosis } from '../../use-cases/diagnoses/request-diagnosis.ts';
import { startDiagnosis } from '../../use-cases/diagnoses/start-diagnosis.ts';
import { submitReport } from '../../use-cases/diagnoses/submit-report.ts';
import { uploadDiagnosisDocument } from '../../use-cases/diagnoses/upload-document.ts';
import { createMaturity, submitMaturity } from '../../use-cases/maturity/save-maturity.ts';

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** A questionnaire answered at a given strength (0–4): option index and scene level grow with it. */
function answersAt(instrument: Sme2024Instrument, strength: number) {
  const answers: Record<string, string[]> = {};
  for (const q of instrument.questions) {
    const real = q.options.filter((o) => !o.exclusive);
    if (q.type === 'multi') {
      const take = Math.min(real.length, Math.ceil((real.length * strength) / 4));
      answers[q.id] = take ? real.slice(0, take).map((o) => o.key) : [q.options.find((o) => o.exclusive)!.key];
    } else {
      answers[q.id] = [q.options[Math.min(q.options.length - 1, Math.round(((q.options.length - 1) * strength) / 4))]!.key];
    }
  }
  const scenes = Object.fromEntries(instrument.scenes.map((s, i) => [s.id, Math.max(0, Math.min(4, strength - (i % 3 === 0 ? 1 : 0)))]));
  return { answers, scenes };
}

export async function seedDemoDiagnoses(db: Db, files: FileStore, today: string): Promise<void> {
  const people = new Map((await db.select().from(users)).map((u) => [u.username, u]));
  const as = (username: string): Actor => {
    const u = people.get(username)!;
    return { userId: u.id, name: u.username, displayName: u.displayName, role: u.role as Actor['role'], regionId: u.regionId, enterpriseId: u.enterpriseId, organisationId: u.organisationId, ip: null };
  };
  if (!people.has('provider') || !people.has('qiye') || !people.has('qiye-sz')) return;
  const [admin, finance, kunshan] = [as('admin'), as('finance'), as('kunshan')];
  const of = (username: string) => people.get(username)!.organisationId!;
  const instrument = getInstrument('miit-sme-2024');
  const version = async (id: string) => (await getDiagnosis(db, admin, id)).version;

  // The 扬州 enterprise assessed itself before asking for a diagnosis.
  const qiye = as('qiye');
  const self = await createMaturity(db, qiye, { instrumentId: 'miit-sme-2024', source: 'self', answers: answersAt(instrument, 1) });
  await submitMaturity(db, qiye, self.id, { version: self.version }, today);

  type Stage = 'requested' | 'dispatched' | 'contracted' | 'on_site' | 'reported' | 'accepted' | 'paid';
  const order: Stage[] = ['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid'];
  const run = async (city: 'yangzhou' | 'suzhou', enterprise: Actor, scope: 'factory' | 'workshop', need: string, until: Stage, fee: number) => {
    const [provider, supervisor] = city === 'yangzhou' ? [as('provider'), as('supervisor')] : [as('provider-sz'), as('supervisor-sz')];
    const d = await requestDiagnosis(db, enterprise, { scope, need }, today);
    const reached = (s: Stage) => order.indexOf(until) >= order.indexOf(s);
    if (!reached('dispatched')) return d.id;
    await dispatchDiagnosis(db, admin, d.id, {
      version: d.version, providerId: of(provider.name), supervisorId: of(supervisor.name), reason: '服务范围与行业匹配,在办任务最少', dueOn: '2023-08-31',
    }, today);
    if (!reached('contracted')) return d.id;
    for (const kind of ['agreement', 'contract'] as const) {
      await uploadDiagnosisDocument(db, provider, d.id, { kind, fileName: `${kind === 'agreement' ? '合作协议' : '采购合同'}.pdf`, data: pdf(`${d.id}-${kind}`) }, files);
    }
    await contractDiagnosis(db, provider, d.id, { version: await version(d.id), feeFen: fee, supervisionFeeFen: 500_000, contractedOn: today }, today);
    await recordCheckpoint(db, supervisor, d.id, { code: 'C1', heldAt: `${today}T09:00:00+08:00`, place: '线上', finding: 'ok', note: '诊断服务计划完整,团队为在库人员' }, new Date());
    if (!reached('on_site')) return d.id;
    await startDiagnosis(db, provider, d.id, { version: await version(d.id), onSiteFrom: today }, today);
    await recordCheckpoint(db, supervisor, d.id, { code: 'C2', heldAt: `${today}T10:30:00+08:00`, place: `${enterprise.displayName ?? ''} 生产现场`, finding: 'ok', note: '现场调研签到、照片齐全' }, new Date());
    if (!reached('reported')) return d.id;
    const m = await createMaturity(db, provider, { instrumentId: 'miit-sme-2024', source: 'diagnosis', diagnosisId: d.id, answers: answersAt(instrument, 2) });
    await submitMaturity(db, provider, m.id, { version: m.version }, today);
    await uploadDiagnosisDocument(db, provider, d.id, { kind: 'report', fileName: '诊断报告.pdf', data: pdf(`${d.id}-report`) }, files);
    await submitReport(db, provider, d.id, {
      version: await version(d.id),
      report: {
        summary: '企业处于单点信息化阶段:设备联网率低,计划排程依赖人工,质量数据未自动采集。',
        gaps: [
          { area: '生产执行数字化', finding: '计划排程靠人工经验,插单响应慢' },
          { area: '数字化基础', finding: '生产设备联网率不足20%' },
          { area: '供应链数字化', finding: '仓储出入库仍用纸质单据' },
        ],
        recommendations: [
          { title: '部署 MES 与设备联网', area: '生产执行数字化', investmentFen: 180_000_000, priority: 'high' },
          { title: '上线 APS 高级排产', area: '生产执行数字化', investmentFen: 60_000_000, priority: 'medium' },
          { title: 'WMS 仓储管理', area: '供应链数字化', investmentFen: 40_000_000, priority: 'low' },
        ],
        expectedEffect: '设备联网率达到60%以上,交期达成率提高10个百分点,达到评测二级以上。',
      },
    }, today);
    await recordCheckpoint(db, supervisor, d.id, { code: 'C4', heldAt: `${today}T16:00:00+08:00`, place: '线上评审', finding: 'ok', note: '报告结构完整,等级计算与答卷一致' }, new Date());
    if (!reached('accepted')) return d.id;
    await acceptDiagnosis(db, enterprise, d.id, { version: await version(d.id), satisfaction: 5, note: '建议切合实际' }, today);
    if (!reached('paid')) return d.id;
    for (const payee of ['provider', 'supervisor'] as const) {
      await payDiagnosis(db, finance, d.id, { version: await version(d.id), payee, paidOn: today, voucher: `ZD-PZ-${payee === 'provider' ? '0001' : '0002'}` }, today);
    }
    return d.id;
  };

  await run('yangzhou', qiye, 'workshop', '装配车间排产靠人工,希望诊断车间数字化短板', 'paid', 5_000_000);
  await run('yangzhou', qiye, 'factory', '全厂数字化水平诊断,为智能化改造做规划', 'reported', 20_000_000);
  await run('yangzhou', qiye, 'workshop', '涂装车间能耗偏高', 'on_site', 4_800_000);
  await run('yangzhou', qiye, 'workshop', '仓储物流车间', 'dispatched', 0);
  await run('yangzhou', qiye, 'factory', '新厂区规划布局诊断', 'requested', 0);
  const qiyeSz = as('qiye-sz');
  await run('suzhou', qiyeSz, 'factory', '工厂智能制造诊断', 'accepted', 18_000_000);
  await run('suzhou', qiyeSz, 'workshop', '机加工车间诊断', 'contracted', 5_000_000);
  await run('suzhou', qiyeSz, 'workshop', '装配车间诊断', 'requested', 0);

  // 苏州 (六) 顾问咨询 and (七) 数据采集 delivered by the 昆山 provider.
  const providerSz = as('provider-sz');
  const [szEnterprise] = await db.select({ id: users.enterpriseId }).from(users).where(eq(users.username, 'qiye-sz'));
  for (const [kind, note] of [['consultation', '智能化改造思路咨询(线上测评+专家访谈)'], ['consultation', '数据采集方案咨询'], ['data_collection', '车间生产要素数据采集与可视化']] as const) {
    await recordService(db, providerSz, { kind, enterpriseId: szEnterprise!.id!, servedOn: today, note }, today);
  }
  void kunshan;
}
