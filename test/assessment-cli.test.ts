// `zgsz score` end to end as an operator runs it: from a JSON file (no database), and from the
// database after a year's records were entered through the use cases. The CLI's database here is
// an embedded PGlite directory (the same code path the API tests run on PostgreSQL too).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { seedRegions } from '../src/db/seed/seed.ts';
import { type Actor, cliActor } from '../src/domain/actor.ts';
import { recordActivity } from '../src/use-cases/assessment/record-activity.ts';
import { recordCoverage } from '../src/use-cases/assessment/record-coverage.ts';
import { recordEvent } from '../src/use-cases/assessment/record-event.ts';
import { recordProject } from '../src/use-cases/assessment/record-project.ts';
import { setTargets } from '../src/use-cases/assessment/set-targets.ts';
import { setWorkItem } from '../src/use-cases/assessment/set-work-item.ts';
import { EXPECTED_RANKS, EXPECTED_TOTALS, SCENARIO, YEAR } from './assessment-scenario.ts';

const run = promisify(execFile);
const zgsz = (args: string[], env: Record<string, string> = {}) => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return run(process.execPath, ['bin/zgsz.js', ...args], { env: { ...rest, ...env }, maxBuffer: 10 * 1024 * 1024 });
};
const officer: Actor = { userId: null, name: 'test:baoying', role: 'region_officer', regionId: 'yz-baoying', enterpriseId: null, ip: null };

interface Ranked { ranking: { regionId: string; total: number; rank: number }[] }

describe('zgsz score --input FILE', () => {
  it('scores the worked example of score-districts.test.ts from its JSON file', async () => {
    const { stdout } = await zgsz(['score', '--input', 'policies/yangzhou-2022-20/assessment/example-2022-figures.json', '--json']);
    const totals = Object.fromEntries((JSON.parse(stdout) as Ranked).ranking.map((r) => [r.regionId, r.total]));
    // hand-computed in src/domain/scoring/score-districts.test.ts
    expect(totals).toEqual({
      'yz-baoying': 82.4, 'yz-gaoyou': 89.5, 'yz-yizheng': 76.9, 'yz-jiangdu': 95,
      'yz-hanjiang': 78, 'yz-guangling': 87.5, 'yz-etdz': 84, 'yz-eco': 66,
    });
  });

  it('a bad file: exit code 2 and the field in the message', async () => {
    const err = await zgsz(['score', '--input', 'test/assessment-cli.test.ts']).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('字段 input');
  });
});

describe('zgsz score --year (from the database)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zgsz-score-'));
    const database = await openDatabase({ dataDir: dir });
    await migrateDatabase(database);
    await seedRegions(database.db);
    const db = database.db;
    for (const op of SCENARIO) {
      const actor = op.as === 'admin' ? cliActor() : officer;
      switch (op.kind) {
        case 'targets': await setTargets(db, actor, YEAR, op.body); break;
        case 'project': await recordProject(db, actor, op.body); break;
        case 'coverage': await recordCoverage(db, actor, YEAR, op.body); break;
        case 'workItem': await setWorkItem(db, actor, YEAR, op.regionId, op.item, op.body); break;
        case 'activity': await recordActivity(db, actor, op.body); break;
        case 'event': await recordEvent(db, actor, op.body); break;
      }
    }
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the ranked table and, with --json, the totals computed by hand in assessment-scenario.ts', async () => {
    const json = await zgsz(['score', '--year', String(YEAR), '--json'], { ZGSZ_DATA_DIR: dir });
    const ranked = JSON.parse(json.stdout) as Ranked;
    expect(Object.fromEntries(ranked.ranking.map((r) => [r.regionId, r.total]))).toEqual(EXPECTED_TOTALS);
    expect(Object.fromEntries(ranked.ranking.map((r) => [r.regionId, r.rank]))).toEqual(EXPECTED_RANKS);
    const table = await zgsz(['score', '--year', String(YEAR)], { ZGSZ_DATA_DIR: dir });
    expect(table.stdout).toMatch(/^1\s+宝应县\s.*55\.5$/m);
  });

  it('a year without targets: a clear error naming the year', async () => {
    const err = await zgsz(['score', '--year', '2031'], { ZGSZ_DATA_DIR: dir }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('2031年尚未设定目标');
  });
});
