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
import type { Actor } from '../src/domain/actor.ts';
import { cliActor } from '../src/cli/cli-actor.ts';
import { recordActivity } from '../src/use-cases/assessment/record-activity.ts';
import { recordCoverage } from '../src/use-cases/assessment/record-coverage.ts';
import { recordEvent } from '../src/use-cases/assessment/record-event.ts';
import { recordProject } from '../src/use-cases/assessment/record-project.ts';
import { setTargets } from '../src/use-cases/assessment/set-targets.ts';
import { setWorkItem } from '../src/use-cases/assessment/set-work-item.ts';
import { EXPECTED_RANKS, EXPECTED_TOTALS, SCENARIO, YEAR } from './assessment-scenario.ts';
import { CLI_NODE_ARGS } from './helpers/cli.ts';

const run = promisify(execFile);
const zgsz = (args: string[], env: Record<string, string> = {}) => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return run(process.execPath, [...CLI_NODE_ARGS, ...args], { env: { ...rest, ...env }, maxBuffer: 10 * 1024 * 1024 });
};
const officer: Actor = { userId: null, name: 'test:baoying', role: 'region_officer', regionId: 'yz-baoying', enterpriseId: null, ip: null };

interface Ranked { ranking: { regionId: string; total: number; rank: number }[] }

describe('zgsz score --input FILE', { timeout: 180_000 }, () => {
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

describe('zgsz score --year (from the database)', { timeout: 180_000 }, () => {
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

  it('prints the ranked Chinese table with the totals and ranks computed by hand in assessment-scenario.ts', async () => {
    // One run (each opens the embedded database from disk, which takes seconds).
    const { stdout } = await zgsz(['score', '--year', String(YEAR)], { ZGSZ_DATA_DIR: dir });
    const names: Record<string, string> = {
      宝应县: 'yz-baoying', 高邮市: 'yz-gaoyou', 仪征市: 'yz-yizheng', 江都区: 'yz-jiangdu',
      邗江区: 'yz-hanjiang', 广陵区: 'yz-guangling', 经济技术开发区: 'yz-etdz', 生态科技新城: 'yz-eco',
    };
    const rows = stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((cells) => names[cells[1] ?? '']);
    expect(rows).toHaveLength(8);
    expect(Object.fromEntries(rows.map((c) => [names[c[1]!], Number(c.at(-1))]))).toEqual(EXPECTED_TOTALS);
    expect(Object.fromEntries(rows.map((c) => [names[c[1]!], Number(c[0])]))).toEqual(EXPECTED_RANKS);
    expect(stdout).toContain(`${YEAR}年扬州市制造业“智改数转”考核评分表`);
  });
});
