// A province-sized enterprise file for trying and benchmarking every page at scale (issue 11):
// `zgsz db seed --enterprises N` grows the file to N enterprises with the demo's own generator
// (valid USCCs, both cities' regions, certifications in the demo's proportions), and gives a fifth
// of them the year's smart-manufacturing investment as a recorded fact and one in forty a counted
// 2022 assessment project in its (scored) region. Deterministic: enterprise i is the same on every
// machine, and growing 10,000 → 100,000 adds exactly what seeding 100,000 at once would.
import { sql } from 'drizzle-orm';
import { appendAuditBatch } from '../repositories/audit-repository.ts';
import { settleAfterBulkLoad } from '../repositories/enterprise-repository.ts';
import { queryRows, type Db } from '../client.ts';
import { REGIONS } from '../../domain/regions.ts';
import { COUNT_CATEGORIES, EVIDENCE_KIND_NAMES, REQUIRED_PROJECT_EVIDENCE } from '../../domain/scoring/index.ts';
import { prng } from '../../lib/prng.ts';
import { demoEnterprise } from './demo-enterprises.ts';

export const SCALE_MAX = 5_000_000;
const BATCH = 5_000;
const SYSTEM = { userId: null, name: 'system:seed', ip: null };
const SCORED = new Set(REGIONS.filter((r) => r.scored).map((r) => r.id));

export interface ScaleProgress { done: number; target: number }

/**
 * Adds enterprises until the file holds `target`; returns how many were added and the file's size. Each batch is one
 * transaction with one audit entry naming the range (a million per-row entries would only say
 * "seeded" a million times). Enterprise numbers continue from the file's current size, so an
 * interrupted run is resumed by running it again.
 */
export async function seedScaleEnterprises(db: Db, target: number, onProgress?: (p: ScaleProgress) => void): Promise<{ added: number; total: number }> {
  const [{ n: start } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from enterprises`);
  for (let from = start; from < target; from += BATCH) {
    const to = Math.min(target, from + BATCH);
    await db.transaction(async (tx) => {
      const batch = Array.from({ length: to - from }, (_, k) => demoEnterprise(from + k));
      const now = new Date().toISOString();
      const ids = await queryRows<{ id: string; uscc: string }>(tx, sql`
        insert into enterprises (uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name, contact_phone, address, created_at, updated_at)
        select uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name, contact_phone, address, ${now}::timestamptz, ${now}::timestamptz
        from json_populate_recordset(null::enterprises, ${JSON.stringify(batch.map(({ certifications: _c, regionId, industryCode, aboveScale, legalForm, contactName, contactPhone, ...e }) => ({
          ...e, region_id: regionId, industry_code: industryCode, above_scale: aboveScale, legal_form: legalForm, contact_name: contactName, contact_phone: contactPhone,
        })))}::json)
        returning id, uscc`);
      const idOf = new Map(ids.map((r) => [r.uscc, r.id]));
      const certs = batch.flatMap((e) => e.certifications.map((c) => ({ ...c, enterprise_id: idOf.get(e.uscc)! })));
      if (certs.length) {
        await tx.execute(sql`insert into certifications (enterprise_id, kind, level, title, year)
          select enterprise_id, kind, level, title, year from json_populate_recordset(null::certifications, ${JSON.stringify(certs)}::json)`);
      }
      const facts: { enterprise_id: string; value: unknown }[] = [];
      const projects: Record<string, unknown>[] = [];
      batch.forEach((e, k) => {
        const i = from + k;
        const rand = prng(1_000_003 + i);
        const id = idOf.get(e.uscc)!;
        // 本年度智能制造投资额 in fen: 100万元 to 5,000万元, whole 万元.
        if (i % 5 === 2) facts.push({ enterprise_id: id, value: [{ annual_investment: (100 + Math.floor(rand() * 4_900)) * 1_000_000 }] });
        if (i % 40 === 7 && SCORED.has(e.regionId)) {
          const category = COUNT_CATEGORIES[i % COUNT_CATEGORIES.length]!;
          const month = 1 + Math.floor(rand() * 12);
          projects.push({
            year: 2022, region_id: e.regionId, category, title: '智改数转项目', enterprise_name: e.name, enterprise_id: id,
            counted_on: `2022-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
            subsidy_level: category === 'retrofit' ? 'county' : null,
            evidence: REQUIRED_PROJECT_EVIDENCE[category].map((kind) => ({ kind, title: `${EVIDENCE_KIND_NAMES[kind]}(${e.uscc})` })),
          });
        }
      });
      if (facts.length) {
        await tx.execute(sql`insert into enterprise_facts (enterprise_id, year, fact, value, evidence, recorded_by_name)
          select (f->>'enterprise_id')::uuid, 2023, 'projects', f->'value', '技改项目备案(演示)', 'system:seed'
          from json_array_elements(${JSON.stringify(facts)}::json) f`);
      }
      if (projects.length) {
        await tx.execute(sql`insert into assessment_projects (year, region_id, category, title, enterprise_name, enterprise_id, counted_on, subsidy_level, evidence)
          select (p->>'year')::int, p->>'region_id', p->>'category', p->>'title', p->>'enterprise_name', (p->>'enterprise_id')::uuid,
            (p->>'counted_on')::date, p->>'subsidy_level', (p->'evidence')::jsonb
          from json_array_elements(${JSON.stringify(projects)}::json) p`);
      }
      await appendAuditBatch(tx, SYSTEM, [{
        action: 'seed', entity: 'enterprise', entityId: null,
        after: { enterprises: `${from}…${to - 1}`, count: to - from, certifications: certs.length, facts: facts.length, assessmentProjects: projects.length },
      }]);
    });
    onProgress?.({ done: to, target });
  }
  if (target > start) await settleAfterBulkLoad(db);
  return { added: Math.max(0, target - start), total: Math.max(start, target) };
}
