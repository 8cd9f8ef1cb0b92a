// `zgsz providers`, `zgsz diagnoses` and `zgsz maturity` as an operator runs them, on a scratch database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstrument } from '../src/io/instruments.ts';
import { scratchCli, type Scratch } from './helpers/cli.ts';

let cli: Scratch;
beforeAll(async () => { cli = await scratchCli(); });
afterAll(async () => { await cli?.close(); });

describe('zgsz diagnosis commands', { timeout: 180_000 }, () => {
  it('maturity questionnaire prints every question and the 16 scenes; score rates an all-“无” answer file 0 points', async () => {
    const q = await cli.run(['maturity', 'questionnaire']);
    expect(q.code, q.stderr).toBe(0);
    const inst = getInstrument('miit-sme-2024');
    for (const question of inst.questions) expect(q.stdout).toContain(question.text);
    for (const scene of inst.scenes) expect(q.stdout).toContain(scene.name);
    const none = Object.fromEntries(inst.questions.map((x) => [x.id, [x.type === 'multi' ? x.options.find((o) => o.exclusive)!.key : x.options[0]!.key]]));
    const file = join(cli.dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ answers: none, scenes: {} }));
    const s = await cli.run(['maturity', 'score', file]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('总分 0 / 100');
    writeFileSync(file, JSON.stringify({ answers: { [inst.questions[0]!.id]: ['X'] } }));
    const bad = await cli.run(['maturity', 'score', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(inst.questions[0]!.name);
  });

  it('on demo data: the pool, the year’s diagnoses, quotas and figures; a sanction without a reason is refused', async () => {
    const demo = await scratchCli({ demo: true });
    try {
      const pool = await demo.run(['providers', 'list', '--city', 'yangzhou', '--json']);
      expect(pool.code, pool.stderr).toBe(0);
      const orgs = JSON.parse(pool.stdout) as { id: string; name: string; standing: string }[];
      expect(orgs.map((o) => o.name)).toContain('扬州智造诊断咨询有限公司');
      const list = await demo.run(['diagnoses', 'list', '--city', 'suzhou', '--json']);
      expect((JSON.parse(list.stdout) as { status: string }[]).map((d) => d.status).sort()).toEqual(['accepted', 'contracted', 'requested']);
      const quotas = await demo.run(['diagnoses', 'quotas', '--year', '2023', '--city', 'suzhou'], { env: { ZGSZ_BUSINESS_DATE: '2023-06-01' } });
      expect(quotas.stdout).toContain('600');
      const figures = await demo.run(['diagnoses', 'figures', '--year', '2023', '--city', 'suzhou']);
      expect(figures.stdout).toContain('(六) 顾问咨询 2/1000 次');
      const noReason = await demo.run(['providers', 'sanction', orgs[0]!.id, '--action', 'warn']);
      expect(noReason.code).not.toBe(0);
      expect(noReason.stderr).toContain('--reason');
    } finally {
      await demo.close();
    }
  });
});
