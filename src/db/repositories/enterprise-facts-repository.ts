// Engine facts recorded per enterprise and year (enterprise_facts), read in bulk for a page of the
// file during 免申即享 matching and one enterprise at a time for its detail page.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { enterpriseFacts } from '../schema/enterprise-facts.ts';
import { versionConflict } from './versioned.ts';

export type EnterpriseFactRow = typeof enterpriseFacts.$inferSelect;

/** The facts of one year for a page of enterprises: one JSON parameter for the ids. */
export async function recordedFactsOf(db: Executor, ids: string[], year: number): Promise<Map<string, { fact: string; value: unknown }[]>> {
  const map = new Map<string, { fact: string; value: unknown }[]>();
  if (!ids.length) return map;
  const rows = await db.select({ enterpriseId: enterpriseFacts.enterpriseId, fact: enterpriseFacts.fact, value: enterpriseFacts.value }).from(enterpriseFacts)
    .where(and(eq(enterpriseFacts.year, year), sql`${enterpriseFacts.enterpriseId} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`));
  for (const r of rows) {
    const list = map.get(r.enterpriseId) ?? [];
    list.push({ fact: r.fact, value: r.value });
    map.set(r.enterpriseId, list);
  }
  return map;
}

export const factsOfEnterprise = (db: Executor, enterpriseId: string) =>
  db.select().from(enterpriseFacts).where(eq(enterpriseFacts.enterpriseId, enterpriseId)).orderBy(desc(enterpriseFacts.year), asc(enterpriseFacts.fact));

export const findEnterpriseFact = async (db: Executor, id: string) => (await db.select().from(enterpriseFacts).where(eq(enterpriseFacts.id, id)))[0];

type FactFields = Pick<typeof enterpriseFacts.$inferInsert, 'enterpriseId' | 'year' | 'fact' | 'value' | 'evidence' | 'recordedBy' | 'recordedByName'>;

/**
 * Records a fact. Without a version it is a first record (of two at once, one lands and the other
 * is told the fact exists); with one it replaces the value only if that version is still current.
 */
export async function saveEnterpriseFact(db: Executor, f: FactFields, version: number | undefined): Promise<{ row: EnterpriseFactRow; before: EnterpriseFactRow | null }> {
  const key = and(eq(enterpriseFacts.enterpriseId, f.enterpriseId), eq(enterpriseFacts.year, f.year), eq(enterpriseFacts.fact, f.fact));
  if (version === undefined) {
    const [row] = await db.insert(enterpriseFacts).values(f).onConflictDoNothing().returning();
    if (row) return { row, before: null };
    const [existing] = await db.select().from(enterpriseFacts).where(key);
    throw versionConflict('该年度的此项事实', existing?.version ?? 0, 0);
  }
  const [before] = await db.select().from(enterpriseFacts).where(key).for('update');
  if (!before) throw versionConflict('该年度的此项事实', 0, version);
  const [row] = await db.update(enterpriseFacts)
    .set({ value: f.value, evidence: f.evidence, recordedBy: f.recordedBy, recordedByName: f.recordedByName, recordedAt: sql`now()`, version: sql`${enterpriseFacts.version} + 1` })
    .where(and(key, eq(enterpriseFacts.version, version))).returning();
  if (!row) throw versionConflict('该年度的此项事实', before.version, version);
  return { row, before };
}

export async function deleteEnterpriseFact(db: Executor, id: string, version: number): Promise<EnterpriseFactRow | undefined> {
  const [row] = await db.delete(enterpriseFacts).where(and(eq(enterpriseFacts.id, id), eq(enterpriseFacts.version, version))).returning();
  return row;
}
