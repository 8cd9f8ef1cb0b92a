// Demo records of the 2022 assessment (附件2) so a fresh system shows real score sheets, tracking
// tables and bulletins: for each of the eight scored regions, counted projects spread over the
// year with the evidence 核查内容 requires, monthly coverage summaries, 五个一 items, activities and a
// few bonus/deduction events. Deterministic (seeded), and written only when 2022 has no records.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type AuditEntry, appendAuditBatch } from '../repositories/audit-repository.ts';
import {
  assessmentActivities,
  assessmentCoverage,
  assessmentEvents,
  assessmentProjects,
  assessmentWorkItems,
} from '../schema/assessment.ts';
import type { CountCategory, Evidence } from '../../domain/scoring/index.ts';
import { COUNT_CATEGORIES, REQUIRED_PROJECT_EVIDENCE, EVIDENCE_KIND_NAMES, TARGETS_2022, WORK_ITEM_NAMES, WORK_ITEMS } from '../../domain/scoring/index.ts';
import { pick, prng } from '../../lib/prng.ts';

const YEAR = 2022;
const SYSTEM = { userId: null, name: 'system:seed', ip: null };
const CATEGORY_TITLES: Record<CountCategory, string[]> = {
  retrofit: ['智能产线改造', '数字化车间建设', 'MES系统部署', '智能仓储物流改造'],
  cloud: ['ERP上云', '设备联网上云', '研发设计上云', '供应链协同上云'],
  portrait: ['工厂数字化诊断', '车间数字化诊断', '产线规划诊断'],
  benchmark: ['省级智能制造示范车间', '省级工业互联网标杆工厂', '智改数转优秀场景', '首台(套)重大装备'],
};
const ENTERPRISE_WORDS = ['精工', '机电', '新材料', '汽车部件', '电气', '智能装备', '化纤', '食品'];

const date = (month: number, day: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const evidenceFor = (c: CountCategory, n: number): Evidence[] =>
  REQUIRED_PROJECT_EVIDENCE[c].map((kind) => ({ kind, title: `${EVIDENCE_KIND_NAMES[kind]}(第${n}号)` }));

/** Returns false (and writes nothing) when 2022 already has project records. */
export async function seedDemoAssessment(db: Db): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(assessmentProjects).where(eq(assessmentProjects.year, YEAR));
  if (Number(existing?.n) > 0) return false;
  const rand = prng(2022);
  const audit: AuditEntry[] = [];
  await db.transaction(async (tx) => {
    let serial = 1;
    for (const [ri, t] of TARGETS_2022.regions.entries()) {
      // Each region reaches between ~40% and ~130% of each target, so every tier of 二(一)1 shows up.
      const projects = COUNT_CATEGORIES.flatMap((c) => {
        const n = Math.round(t[c] * (0.4 + rand() * 0.9));
        return Array.from({ length: n }, () => {
          const month = 1 + Math.min(11, Math.floor(rand() * rand() * 12 + rand() * 6));
          const no = serial++;
          return {
            year: YEAR,
            regionId: t.regionId,
            category: c,
            title: `${pick(rand, CATEGORY_TITLES[c])}项目`,
            enterpriseName: `扬州${pick(rand, ENTERPRISE_WORDS)}${t.regionName.slice(0, 2)}${no}有限公司`,
            countedOn: date(month, 1 + Math.floor(rand() * 28)),
            subsidyLevel: c === 'retrofit' ? pick(rand, ['county', 'city', 'provincial'] as const) : null,
            evidence: evidenceFor(c, no),
          };
        });
      });
      for (let i = 0; i < projects.length; i += 500) {
        const rows = await tx.insert(assessmentProjects).values(projects.slice(i, i + 500)).returning({ id: assessmentProjects.id });
        rows.forEach((r, k) => audit.push({ action: 'seed', entity: 'assessment_project', entityId: r.id, after: projects[i + k] }));
      }

      const total = 150 + Math.floor(rand() * 450);
      const finalShare = 0.3 + rand() * 0.25;
      const coverage = Array.from({ length: 12 }, (_, m) => ({
        year: YEAR,
        regionId: t.regionId,
        month: m + 1,
        covered: Math.round(total * finalShare * ((m + 1) / 12)),
        total,
        evidence: [{ kind: 'coverage-summary' as const, title: `${t.regionName}${m + 1}月规上企业实施“智改数转”项目情况汇总表` }],
      }));
      await tx.insert(assessmentCoverage).values(coverage);
      audit.push({ action: 'seed', entity: 'assessment_coverage', entityId: `${YEAR}/${t.regionId}`, after: { months: 12, total } });

      // 五个一: the last region has not finished its 一库一图一方案.
      const items = WORK_ITEMS.map((item) => {
        const done = !(item === 'industrialChain' && ri === TARGETS_2022.regions.length - 1);
        return {
          year: YEAR,
          regionId: t.regionId,
          item,
          done,
          completedOn: done ? date(3 + WORK_ITEMS.indexOf(item), 15) : null,
          note: null,
          evidence: done ? [{ kind: 'document' as const, title: `${t.regionName}“${WORK_ITEM_NAMES[item]}”相关文件` }] : [],
        };
      });
      await tx.insert(assessmentWorkItems).values(items);
      audit.push({ action: 'seed', entity: 'assessment_work_item', entityId: `${YEAR}/${t.regionId}`, after: items.map((i) => [i.item, i.done]) });

      // Activities: one listed activity each quarter (the second region skips the third quarter) and
      // a hosted 市级 event each half year.
      const activities: (typeof assessmentActivities.$inferInsert)[] = [2, 5, 8, 11]
        .filter((m) => !(ri === 1 && m === 8))
        .map((m) => ({
          year: YEAR,
          regionId: t.regionId,
          date: date(m, 10 + Math.floor(rand() * 10)),
          type: pick(rand, ['policy-briefing', 'site-visit', 'training', 'bank-enterprise'] as const),
          level: 'county' as const,
          hostedByLocalGovernment: true,
          title: `${t.regionName}智改数转推进活动`,
          evidence: [{ kind: 'news' as const, title: '新闻报道' }],
        }));
      activities.push(
        ...[4, 10].map((m) => ({
          year: YEAR,
          regionId: t.regionId,
          date: date(m, 20),
          type: 'promotion' as const,
          level: 'city' as const,
          hostedByLocalGovernment: true,
          title: `全市智改数转专题推进会(${t.regionName}承办)`,
          evidence: [{ kind: 'media' as const, title: '现场图片' }],
        })),
      );
      const actRows = await tx.insert(assessmentActivities).values(activities).returning({ id: assessmentActivities.id });
      actRows.forEach((r, k) => audit.push({ action: 'seed', entity: 'assessment_activity', entityId: r.id, after: activities[k] }));

      const events = [
        ...Array.from({ length: Math.floor(rand() * 4) }, (_, k) => ({
          year: YEAR, regionId: t.regionId, date: date(3 + k * 2, 8), direction: 'bonus', kind: 'fund-project', level: pick(rand, ['national', 'provincial'] as const),
          subject: 'other', issuer: null, title: `专项资金项目${k + 1}`, evidence: [{ kind: 'approval' as const, title: '资金下达文件' }],
        })),
        {
          year: YEAR, regionId: t.regionId, date: date(9, 1), direction: 'bonus', kind: 'recognition', level: 'provincial',
          subject: ri % 2 === 0 ? 'star-cloud' : 'other', issuer: null, title: ri % 2 === 0 ? '省星级上云企业' : '省级示范智能车间', evidence: [{ kind: 'approval' as const, title: '认定文件' }],
        },
        ...(ri % 3 === 2
          ? [{ year: YEAR, regionId: t.regionId, date: date(7, 5), direction: 'deduction', kind: null, level: null, subject: null, issuer: 'city', title: '未按期报送调度材料', evidence: [{ kind: 'notice' as const, title: '督办通知' }] }]
          : []),
      ];
      const evRows = await tx.insert(assessmentEvents).values(events).returning({ id: assessmentEvents.id });
      evRows.forEach((r, k) => audit.push({ action: 'seed', entity: 'assessment_event', entityId: r.id, after: events[k] }));
    }
    await appendAuditBatch(tx, SYSTEM, audit);
  });
  return true;
}
