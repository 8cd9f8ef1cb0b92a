// `zgsz providers …`, `zgsz diagnoses …` and `zgsz maturity …`: the provider pool, diagnoses with
// their quotas and figures, and the digital-maturity instrument (printable, and scoring an answer
// file offline). The command line acts as the city's operator (cliActor).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { businessDate } from '../../config/env.ts';
import { invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { formatPoints, scoreAssessment, validateAnswers } from '../../domain/maturity/score.ts';
import { regionById } from '../../domain/regions.ts';
import { getInstrument } from '../../io/instruments.ts';
import { questionnaireHtml, questionnaireText } from '../../reports/maturity/questionnaire.ts';
import { cancelDiagnosis } from '../../use-cases/diagnoses/cancel-diagnosis.ts';
import { diagnosisFigures, providerScorecards } from '../../use-cases/diagnoses/diagnosis-figures.ts';
import { dispatchCandidates } from '../../use-cases/diagnoses/dispatch-candidates.ts';
import { dispatchDiagnosis } from '../../use-cases/diagnoses/dispatch-diagnosis.ts';
import { getDiagnosis, listDiagnoses } from '../../use-cases/diagnoses/list-diagnoses.ts';
import { listDiagnosisQuotas, setDiagnosisQuota } from '../../use-cases/diagnoses/quotas.ts';
import { digitalProfile } from '../../use-cases/maturity/digital-profile.ts';
import { admissionStep, closeDueAdmissions } from '../../use-cases/providers/admission-step.ts';
import { getOrg, listOrgs } from '../../use-cases/providers/list-orgs.ts';
import { registerOrg } from '../../use-cases/providers/register-org.ts';
import { yearlyReview } from '../../use-cases/providers/review-org.ts';
import { sanctionOrg } from '../../use-cases/providers/sanction-org.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
const int = (v: string | undefined, field: string) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw invalid(field, `${field} 须为整数`);
  return Number(v);
};

export function register(program: Command): void {
  const providers = program.command('providers').description('服务商资源池与第三方监理 (provider pool)');

  providers.command('list').option('--city <city>', 'yangzhou | suzhou').option('--kind <kind>', 'provider | supervisor').option('--json', 'JSON 输出')
    .description('列出机构、入库状态与处理情况')
    .action(action(async (o: { city?: string; kind?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const rows = await listOrgs(db, cliActor(), { city: o.city, kind: o.kind });
      if (o.json) return printJson(rows);
      console.table(rows.map((r) => ({
        编号: r.id, 名称: r.name, 类别: r.kindLabel, 所在地: regionById(r.regionId)?.name ?? r.regionId, 入库: r.statusLabel, 当前步骤: r.currentStep ?? '',
        状态: r.standingLabel, 服务能力: r.capacity, 复核期限: r.reviewDueOn ?? '',
      })));
    })));

  providers.command('show').argument('<id>').option('--json', 'JSON 输出').description('机构详情与全部记录')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await getOrg(db, cliActor(), id);
      if (o.json) return printJson(r);
      console.log(`${r.name}(${r.kindLabel},${r.uscc})入库:${r.statusLabel}${r.currentStep ? `,当前“${r.currentStep}”` : ''};状态:${r.standingLabel}${r.standingReason ? `(${r.standingReason})` : ''}`);
      console.table(r.history.map((h) => ({ 时间: h.at.slice(0, 19).replace('T', ' '), 经办: h.actorName, 事项: h.summary })));
    })));

  providers.command('register').requiredOption('--kind <kind>', 'provider | supervisor').requiredOption('--region <regionId>', '所在地区')
    .requiredOption('--uscc <code>', '统一社会信用代码').requiredOption('--name <name>', '机构名称').requiredOption('--contact <name>', '联系人')
    .requiredOption('--phone <phone>', '联系电话').requiredOption('--capacity <n>', '可同时承担的诊断数').option('--scopes <list>', 'chain,factory,workshop')
    .option('--industries <list>', 'GB/T 4754 行业,如 C,C34').option('--regions <list>', '服务地区编号')
    .description('登记机构(草稿;由其账号或地区提交入库申请)')
    .action(action(async (o: Record<string, string>) => withDatabase(async ({ db }) => {
      const r = await registerOrg(db, cliActor(), {
        kind: o.kind, regionId: o.region, uscc: o.uscc, name: o.name, contactName: o.contact, contactPhone: o.phone, capacity: int(o.capacity, 'capacity'),
        scopes: list(o.scopes), industries: list(o.industries), regionsServed: list(o.regions),
      });
      console.log(`已登记 ${r.name}(${r.id})`);
    })));

  providers.command('step').argument('<id>').requiredOption('--action <action>', 'submit | approve | return | reject | withdraw | publicity').option('--reason <text>', '理由(退回、不予入库)')
    .description('入库流程的一步(以市工信局身份:发布公示、入库)')
    .action(action(async (id: string, o: { action: string; reason?: string }) => withDatabase(async ({ db }, config) => {
      const { version } = await getOrg(db, cliActor(), id);
      const r = await admissionStep(db, cliActor(), id, { version, action: o.action, ...(o.reason ? { reason: o.reason } : {}) }, businessDate(config));
      console.log(`${r.name}:${r.history.at(-1)?.summary ?? ''}`);
    })));

  providers.command('close-publicity').description('结束已期满的入库公示')
    .action(action(async () => withDatabase(async ({ db }, config) => {
      console.log(`结束 ${await closeDueAdmissions(db, businessDate(config), cliActor())} 个入库公示`);
    })));

  providers.command('sanction').argument('<id>').requiredOption('--action <action>', 'warn | rectify | suspend | remove | restore').requiredOption('--reason <text>', '理由')
    .option('--rectify-by <date>', '整改期限 YYYY-MM-DD').description('警告、限期整改、暂停、取消资格或恢复')
    .action(action(async (id: string, o: { action: string; reason: string; rectifyBy?: string }) => withDatabase(async ({ db }, config) => {
      const { version } = await getOrg(db, cliActor(), id);
      const r = await sanctionOrg(db, cliActor(), id, { version, action: o.action, reason: o.reason, ...(o.rectifyBy ? { rectifyBy: o.rectifyBy } : {}) }, businessDate(config));
      console.log(`${r.name}:${r.standingLabel}`);
    })));

  providers.command('review').argument('<id>').requiredOption('--passed <yes|no>', '年度复核是否通过').requiredOption('--note <text>', '复核意见').description('年度复核')
    .action(action(async (id: string, o: { passed: string; note: string }) => withDatabase(async ({ db }, config) => {
      if (!['yes', 'no'].includes(o.passed)) throw invalid('passed', '--passed 须为 yes 或 no');
      const { version } = await getOrg(db, cliActor(), id);
      const r = await yearlyReview(db, cliActor(), id, { version, passed: o.passed === 'yes', note: o.note }, businessDate(config));
      console.log(`${r.name}:${r.history.at(-1)?.summary ?? ''}`);
    })));

  providers.command('scorecards').option('--city <city>', 'yangzhou | suzhou').option('--year <year>', '年度').option('--json', 'JSON 输出')
    .description('服务商评价(按期完成、监理发现、满意度、诊改转化率)及建议')
    .action(action(async (o: { city?: string; year?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await providerScorecards(db, cliActor(), { city: o.city, year: int(o.year, 'year') });
      if (o.json) return printJson(r);
      console.table(r.providers.map((p) => ({
        服务商: p.name, 完成: p.finished, 按期率: p.onTimeRate, 问题: p.issues, 停止支付: p.stops, 满意度: p.satisfaction ?? '', 转化率: p.conversionRate, 建议: `${p.proposal.action} ${p.proposal.reason}`,
      })));
      console.log(`说明:${r.settings.source}`);
    })));

  const diagnoses = program.command('diagnoses').description('诊断项目、名额与统计 (diagnoses)');

  diagnoses.command('list').option('--city <city>', 'yangzhou | suzhou').option('--year <year>', '年度').option('--status <status>', '状态').option('--json', 'JSON 输出')
    .description('列出诊断项目')
    .action(action(async (o: { city?: string; year?: string; status?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const rows = await listDiagnoses(db, cliActor(), { city: o.city, year: int(o.year, 'year'), status: o.status });
      if (o.json) return printJson(rows);
      console.table(rows.map((d) => ({
        编号: d.number, 企业: d.enterpriseName, 范围: d.scopeLabel, 状态: d.statusLabel, 服务商: d.providerName ?? '', 监理: d.supervisorName ?? '',
        期限: d.dueOn ?? '', 财政支付: d.subsidyFen === null ? '' : formatFen(d.subsidyFen), id: d.id,
      })));
    })));

  diagnoses.command('show').argument('<id>').option('--json', 'JSON 输出').description('诊断详情:材料、监理、资金、记录')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const d = await getDiagnosis(db, cliActor(), id);
      if (o.json) return printJson(d);
      console.log(`${d.number} ${d.enterpriseName} ${d.scopeLabel}诊断:${d.statusLabel};服务商 ${d.providerName ?? '—'},监理 ${d.supervisorName ?? '—'}`);
      console.log(`数字画像材料(附件2 核查内容1):合作协议${d.portraitEvidence.agreement ? '✓' : '✗'} 采购合同${d.portraitEvidence.contract ? '✓' : '✗'} 诊断报告${d.portraitEvidence.report ? '✓' : '✗'}`);
      console.table(d.history.map((h) => ({ 时间: h.at.slice(0, 19).replace('T', ' '), 经办: h.actorName, 事项: h.summary })));
    })));

  diagnoses.command('candidates').argument('<id>').description('派单建议:可承担的服务商与监理')
    .action(action(async (id: string) => withDatabase(async ({ db }) => {
      const r = await dispatchCandidates(db, cliActor(), id);
      for (const [title, rows] of [['服务商', r.providers], ['监理', r.supervisors]] as const) {
        console.log(title);
        console.table(rows.map((p) => ({ 编号: p.id, 名称: p.name, 负荷: `${p.load}/${p.capacity}`, 行业匹配: p.industryMatch ? '是' : '', 满意度: p.satisfaction ?? '', 可派: p.eligible ? '是' : p.reasons.join(';') })));
      }
    })));

  diagnoses.command('dispatch').argument('<id>').requiredOption('--provider <id>', '服务商编号').requiredOption('--supervisor <id>', '监理机构编号')
    .requiredOption('--due <date>', '完成期限').requiredOption('--reason <text>', '派单理由').option('--funding <city|county>', '名额:市级或本地区')
    .description('派单(名额与服务能力在同一事务中占用)')
    .action(action(async (id: string, o: { provider: string; supervisor: string; due: string; reason: string; funding?: string }) => withDatabase(async ({ db }, config) => {
      const { version } = await getDiagnosis(db, cliActor(), id);
      const d = await dispatchDiagnosis(db, cliActor(), id, { version, providerId: o.provider, supervisorId: o.supervisor, dueOn: o.due, reason: o.reason, ...(o.funding ? { funding: o.funding } : {}) }, businessDate(config));
      console.log(`${d.number} 已派单给 ${d.providerName},监理 ${d.supervisorName}`);
    })));

  diagnoses.command('cancel').argument('<id>').requiredOption('--reason <text>', '理由').description('取消(释放名额与资金)')
    .action(action(async (id: string, o: { reason: string }) => withDatabase(async ({ db }) => {
      const { version } = await getDiagnosis(db, cliActor(), id);
      const d = await cancelDiagnosis(db, cliActor(), id, { version, reason: o.reason });
      console.log(`${d.number} ${d.statusLabel}`);
    })));

  diagnoses.command('quotas').requiredOption('--year <year>', '年度').option('--city <city>', 'yangzhou | suzhou').description('年度诊断名额及使用')
    .action(action(async (o: { year: string; city?: string }) => withDatabase(async ({ db }, config) => {
      const rows = await listDiagnosisQuotas(db, cliActor(), { year: int(o.year, 'year')!, city: o.city }, businessDate(config));
      console.table(rows.map((q) => ({ 城市: q.city, 地区: q.regionId ? regionById(q.regionId)?.name ?? q.regionId : '市级', 范围: q.scope, 名额: q.quota, 已用: q.used, 剩余: q.remaining, 依据: q.clause ?? '' })));
    })));

  diagnoses.command('set-quota').requiredOption('--city <city>', 'yangzhou | suzhou').requiredOption('--year <year>', '年度').requiredOption('--scope <scope>', 'chain | factory | workshop')
    .requiredOption('--quota <n>', '名额').option('--region <regionId>', '地区名额(缺省为市级)').description('设置名额(不得少于已使用)')
    .action(action(async (o: { city: string; year: string; scope: string; quota: string; region?: string }) => withDatabase(async ({ db }) => {
      const q = await setDiagnosisQuota(db, cliActor(), { city: o.city, year: int(o.year, 'year'), scope: o.scope, quota: int(o.quota, 'quota'), regionId: o.region ?? null });
      console.log(`名额已设为 ${q.quota}(已用 ${q.used})`);
    })));

  diagnoses.command('figures').requiredOption('--year <year>', '年度').option('--city <city>', 'yangzhou | suzhou').option('--months <n>', '诊改联动观察期(月,默认12)').option('--json', 'JSON 输出')
    .description('数字画像计数(附件2 核查内容1)、诊改转化率、顾问咨询与数据采集')
    .action(action(async (o: { year: string; city?: string; months?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await diagnosisFigures(db, cliActor(), { year: int(o.year, 'year')!, city: o.city, months: int(o.months, 'months') });
      if (o.json) return printJson(r);
      console.log('数字画像(协议、合同、报告齐全方计入)');
      console.table(r.portraits.map((p) => ({ 地区: p.regionName, 计入: p.counted, 材料不全: p.incomplete, 在办: p.inProgress })));
      const c = r.conversion.total;
      console.log(`诊改联动(${r.months}个月内申报智能化改造):诊断 ${c.diagnoses} 个,申报 ${c.applied} 个(${c.appliedRate}),获支持 ${c.funded} 个(${c.fundedRate})`);
      if (r.services) console.log(`苏州 (六) 顾问咨询 ${r.services.consultations.count}/${r.services.consultations.goal} 次;(七) 数据采集 ${r.services.dataCollection.enterprises}/${r.services.dataCollection.goal} 家`);
    })));

  const maturity = program.command('maturity').description('数字化水平评测 (digital-maturity self-assessment)');

  maturity.command('questionnaire').option('--html <file>', '输出打印版 HTML').description('打印《中小企业数字化水平评测指标(2024年版)》问卷')
    .action(action(async (o: { html?: string }) => {
      const instrument = getInstrument('miit-sme-2024');
      if (o.html) {
        writeFileSync(o.html, questionnaireHtml(instrument));
        console.log(`已输出到 ${o.html}`);
      } else {
        process.stdout.write(questionnaireText(instrument));
      }
    }));

  maturity.command('score').argument('<answers.json>', '答卷 JSON:{answers:{题号:[选项]}, fields:{…}, scenes:{场景:0–4}}').option('--json', 'JSON 输出')
    .description('按2024年版计分(离线,不写入数据库)')
    .action(action(async (file: string, o: { json?: boolean }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw invalid('file', `无法读取答卷 ${file}: ${(e as Error).message}`);
      }
      const instrument = getInstrument('miit-sme-2024');
      const score = scoreAssessment(instrument, validateAnswers(instrument, raw, { complete: false }));
      if (o.json) return printJson(score);
      console.log(`总分 ${formatPoints(score.totalMilli)} / ${formatPoints(score.maxMilli)},等级:${score.levelLabel}${score.complete ? '' : '(答卷未完成,等级为暂定)'}`);
      console.table(score.dimensions.map((d) => ({ 维度: d.name, 得分: formatPoints(d.scoreMilli), 满分: formatPoints(d.maxMilli) })));
      if (score.nextLevel) console.log(`距${score.nextLevel.label}:${score.nextLevel.missing}`);
    }));

  maturity.command('profile').argument('<enterpriseId>').option('--json', 'JSON 输出').description('企业数字档案:评测结果、诊断与改造建议')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await digitalProfile(db, cliActor(), id);
      if (o.json) return printJson(r);
      console.log(`${r.enterprise.name}`);
      for (const t of r.timeline) console.table(t.items.map((m) => ({ 工具: t.instrumentId, 日期: m.assessedOn ?? '', 来源: m.sourceLabel, 总分: m.total ?? '', 等级: m.level ?? '' })));
      if (r.nextSteps) console.table(r.nextSteps.recommendations.map((x) => ({ 建议: x.title, 领域: x.area, 投资估算: formatFen(x.investmentFen), 优先级: x.priority })));
    })));
}
