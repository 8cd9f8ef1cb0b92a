// The demo 2022 assessment data: written once, and the whole chain (score sheets, every quarter's
// bulletin, tracking) runs on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { seedDemoAssessment } from '../src/db/seed/demo-assessment.ts';
import { cliActor } from '../src/cli/cli-actor.ts';
import { monthlyTracking } from '../src/use-cases/assessment/monthly-tracking.ts';
import { quarterlyBulletin } from '../src/use-cases/assessment/quarterly-bulletin.ts';
import { scoreYear } from '../src/use-cases/assessment/score-year.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

describe('demo assessment data (2022)', () => {
  it('is written once, then left alone', async () => {
    expect(await seedDemoAssessment(database.db)).toBe(true);
    expect(await seedDemoAssessment(database.db)).toBe(false);
  });

  it('scores all eight regions, each total the sum of its sections, ranked', async () => {
    const r = await scoreYear(database.db, cliActor(), 2022);
    expect(r.sheets).toHaveLength(8);
    for (const s of r.sheets) {
      expect(s.total).toBe(s.subtotals.targets + s.subtotals.progress + s.subtotals.bonus + s.subtotals.deductions);
    }
    expect(r.sheets.map((s) => s.total)).toEqual([...r.sheets.map((s) => s.total)].sort((a, b) => b - a));
  });

  it('builds every quarter’s bulletin and the December tracking table', async () => {
    for (const q of [1, 2, 3, 4]) {
      const b = await quarterlyBulletin(database.db, cliActor(), 2022, q);
      expect(b.findings).toHaveLength(8);
    }
    const t = await monthlyTracking(database.db, cliActor(), 2022, 12);
    expect(t.cityTotal.cells.retrofit.target).toBe(200);
  });
});
