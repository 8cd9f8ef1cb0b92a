// Reference data (regions) is upserted on every start; demo data (accounts, 320 enterprises) only
// into an empty database, so a restart never duplicates it and real data is never touched.
import { count, eq, sql } from 'drizzle-orm';
import { type AuditEntry, appendAuditBatch } from '../repositories/audit-repository.ts';
import type { Db } from '../client.ts';
import { departments, regions, users } from '../schema/core.ts';
import { loadPlans } from '../../io/plan-library.ts';
import { certifications, enterprises } from '../schema/enterprises.ts';
import { REGIONS } from '../../domain/regions.ts';
import type { Role } from '../../domain/actor.ts';
import { seedDemoDiagnoses } from './demo-diagnoses.ts';
import { seedDemoPlan } from './demo-plan.ts';
import { seedDemoOrgs, type DemoOrgKey } from './demo-orgs.ts';
import { hashPassword } from '../../lib/password-hash.ts';
import { seedDemoApplications } from './demo-applications.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import type { FileStore } from '../../io/file-store.ts';
import { demoEnterprise } from './demo-enterprises.ts';

export const DEMO_PASSWORD = 'Zgsz@2026demo';
export const DEMO_ENTERPRISE_COUNT = 320;

/** The business date of the demo system: inside both policy windows. */
export const DEMO_BUSINESS_DATE = '2023-06-01';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; regionId?: string; enterpriseIndex?: number; org?: DemoOrgKey; department?: string }[] = [
  { username: 'admin', displayName: '市工信局管理员', role: 'city_admin' },
  { username: 'reviewer', displayName: '市工信局审核员', role: 'city_reviewer' },
  { username: 'baoying', displayName: '宝应县工信局经办人', role: 'region_officer', regionId: 'yz-baoying' },
  // A second officer per demo region: an application an officer prepares on an enterprise's behalf
  // must be reviewed by someone else (four-eyes).
  { username: 'baoying2', displayName: '宝应县工信局复核人', role: 'region_officer', regionId: 'yz-baoying' },
  { username: 'kunshan', displayName: '昆山市工信局经办人', role: 'region_officer', regionId: 'sz-kunshan' },
  { username: 'kunshan2', displayName: '昆山市工信局复核人', role: 'region_officer', regionId: 'sz-kunshan' },
  { username: 'qiye', displayName: '企业用户(演示企业)', role: 'enterprise', enterpriseIndex: 0 },
  // An enterprise in 昆山市 (index 11: the first demo enterprise there).
  { username: 'qiye-sz', displayName: '企业用户(苏州演示企业)', role: 'enterprise', enterpriseIndex: 11 },
  { username: 'provider', displayName: '扬州智造诊断咨询(服务商)', role: 'provider', org: 'yz-provider' },
  { username: 'supervisor', displayName: '江苏广陵工程项目监理(第三方监理)', role: 'supervisor', org: 'yz-supervisor' },
  { username: 'provider-sz', displayName: '昆山智能制造诊断服务(服务商)', role: 'provider', org: 'sz-provider' },
  { username: 'supervisor-sz', displayName: '苏州诚信工程咨询监理(第三方监理)', role: 'supervisor', org: 'sz-supervisor' },
  { username: 'finance', displayName: '财政局/考核办', role: 'finance' },
  // 责任单位 of the 实施意见's ten actions: 市工信局 reports most indicators, 网信办 the 5G and data
  // centre ones, 宣传部 the promotion events; 发改委 is co-responsible only and reads.
  { username: 'dept-gxj', displayName: '市工信局规划处', role: 'department', department: 'yz-gxj' },
  { username: 'dept-wxb', displayName: '市委网信办信息化科', role: 'department', department: 'yz-wxb' },
  { username: 'dept-xcb', displayName: '市委宣传部新闻科', role: 'department', department: 'yz-xcb' },
  { username: 'dept-fgw', displayName: '市发改委高技术处', role: 'department', department: 'yz-fgw' },
];

const SYSTEM = { userId: null, name: 'system:seed', ip: null };

/** Regions and the departments the action plans name: reference data, upserted on every start. */
export async function seedRegions(db: Db): Promise<void> {
  await db.insert(regions).values(REGIONS.map((r, i) => ({ ...r, sort: i })))
    .onConflictDoUpdate({ target: regions.id, set: { name: sql`excluded.name`, level: sql`excluded.level`, parentId: sql`excluded.parent_id`, adminCode: sql`excluded.admin_code`, scored: sql`excluded.scored`, sort: sql`excluded.sort` } });
  const depts = loadPlans().flatMap((p) => p.departments.map((d) => ({ id: d.id, city: p.city, name: d.name, fullName: d.fullName })));
  if (depts.length) {
    await db.insert(departments).values(depts)
      .onConflictDoUpdate({ target: departments.id, set: { city: sql`excluded.city`, name: sql`excluded.name`, fullName: sql`excluded.full_name` } });
  }
}

/**
 * Returns false (and writes nothing) when the database already has accounts. With a file store the
 * demo also gets funds and applications at every stage (dated `today`, the demo business date).
 */
export async function seedDemo(db: Db, enterpriseCount = DEMO_ENTERPRISE_COUNT, money?: { files: FileStore; today: string }): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if (Number(existing?.n) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    const ids: string[] = [];
    for (let i = 0; i < enterpriseCount; i += 500) {
      const batch = Array.from({ length: Math.min(500, enterpriseCount - i) }, (_, k) => demoEnterprise(i + k));
      const rows = await tx.insert(enterprises).values(batch.map(({ certifications: _c, ...e }) => e)).returning({ id: enterprises.id });
      const certRows = batch.flatMap((e, k) => e.certifications.map((c) => ({ ...c, enterpriseId: rows[k]!.id })));
      if (certRows.length) await tx.insert(certifications).values(certRows);
      rows.forEach((r, k) => {
        ids.push(r.id);
        audit.push({ action: 'seed', entity: 'enterprise', entityId: r.id, after: batch[k] });
      });
    }
    const orgs = await seedDemoOrgs(tx, '2022-12-20');
    for (const a of DEMO_ACCOUNTS) {
      // With no enterprises (tests that start empty) there is nothing to bind an enterprise user to.
      if (a.enterpriseIndex !== undefined && ids[a.enterpriseIndex] === undefined) continue;
      const [u] = await tx.insert(users).values({
        username: a.username, displayName: a.displayName, role: a.role, regionId: a.regionId ?? null,
        enterpriseId: a.enterpriseIndex === undefined ? null : ids[a.enterpriseIndex]!, organisationId: a.org ? orgs.get(a.org)! : null, departmentId: a.department ?? null, passwordHash,
      }).returning({ id: users.id });
      audit.push({ action: 'seed', entity: 'user', entityId: u!.id, after: { username: a.username, role: a.role, regionId: a.regionId ?? null } });
    }
    await appendAuditBatch(tx, SYSTEM, audit);
  });
  await seedDemoAssessment(db);
  if (money) {
    await seedDemoApplications(db, money.files, money.today);
    await seedDemoDiagnoses(db, money.files, money.today);
    await seedDemoPlan(db, money.today);
  }
  return true;
}

export async function demoEnterpriseId(db: Db): Promise<string | undefined> {
  const [u] = await db.select({ id: users.enterpriseId }).from(users).where(eq(users.username, 'qiye'));
  return u?.id ?? undefined;
}
