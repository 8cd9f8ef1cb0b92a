// Reads for the role homes (web/src/pages/home) that no resource's repository answers on its own.
import { lte, max } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { assessmentTargets } from '../schema/assessment.ts';
import { BUILT_IN_TARGETS } from '../../domain/scoring/index.ts';

/**
 * The latest year up to `year` with a target table: the city's tables, else the text's own (2022).
 * The home falls back to it while the business year's table has not been imported yet.
 */
export async function latestTargetYear(db: Executor, year: number): Promise<number | null> {
  const [row] = await db.select({ y: max(assessmentTargets.year) }).from(assessmentTargets).where(lte(assessmentTargets.year, year));
  const stored = row?.y ?? null;
  const builtIn = [...BUILT_IN_TARGETS.keys()].filter((y) => y <= year);
  const all = [...(stored === null ? [] : [Number(stored)]), ...builtIn];
  return all.length ? Math.max(...all) : null;
}
