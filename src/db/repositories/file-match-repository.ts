// The part of the enterprise file a 免申即享 run reads: filters in SQL, counted once for progress,
// then read in keyset pages (enterprisePageAfter) so memory stays flat however large the file is.
import { and, count, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { diagnoses } from '../schema/diagnosis.ts';
import { certifications, enterprises } from '../schema/enterprises.ts';

export interface FileMatchFilter {
  /** The regions to read (the policy's city, or the one region asked for). */
  regionIds: string[];
  industry?: string | undefined;
  aboveScale?: boolean | undefined;
  chain?: string | undefined;
  certification?: string | undefined;
}

export function fileMatchWhere(f: FileMatchFilter): SQL {
  const conds: (SQL | undefined)[] = [inArray(enterprises.regionId, f.regionIds)];
  if (f.industry) conds.push(like(enterprises.industryCode, `${f.industry.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.aboveScale !== undefined) conds.push(eq(enterprises.aboveScale, f.aboveScale));
  if (f.chain) conds.push(sql`${f.chain} = any(${enterprises.chains})`);
  if (f.certification) {
    conds.push(sql`exists (select 1 from ${certifications} c where c.enterprise_id = "enterprises"."id" and c.status = 'confirmed' and c.kind = ${f.certification})`);
  }
  return and(...conds)!;
}

export async function countFileMatch(db: Executor, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enterprises).where(where);
  return Number(row?.n ?? 0);
}

/** The year's diagnoses of a page of enterprises, as the file states them (scope, state, whether supervised). */
export async function diagnosesOf(db: Executor, ids: string[], year: number): Promise<Map<string, { scope: 'chain' | 'factory' | 'workshop'; status: string; supervised: boolean }[]>> {
  const map = new Map<string, { scope: 'chain' | 'factory' | 'workshop'; status: string; supervised: boolean }[]>();
  if (!ids.length) return map;
  const rows = await db.select({ enterpriseId: diagnoses.enterpriseId, scope: diagnoses.scope, status: diagnoses.status, supervisorId: diagnoses.supervisorId })
    .from(diagnoses)
    .where(and(eq(diagnoses.year, year), sql`${diagnoses.enterpriseId} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`));
  for (const r of rows) {
    const list = map.get(r.enterpriseId) ?? [];
    list.push({ scope: r.scope as 'chain' | 'factory' | 'workshop', status: r.status, supervised: r.supervisorId !== null });
    map.set(r.enterpriseId, list);
  }
  return map;
}
