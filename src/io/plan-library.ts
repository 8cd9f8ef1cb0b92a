// Reads the action plans (policies/<text>/plan.yaml, checked against that folder's source.txt) once
// per process: the files change only with a release. A city whose text sets no action plan (苏州's
// 若干措施 is a list of subsidies, not goals) has none, and the pages say so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { invalid, notFound } from '../domain/errors.ts';
import { buildPlan, type Plan } from '../domain/plan/goal-tree.ts';
import { defaultPoliciesDir } from './policy-library.ts';

const cache = new Map<string, Plan[]>();

function readPlan(dir: string, shown: string): Plan {
  const path = join(dir, 'plan.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0]?.line;
      throw invalid(`${shown}#line${line ?? '?'}`, `${shown} 第${line ?? '?'}行: YAML 格式错误: ${e.message.split('\n')[0]}`);
    }
    throw e;
  }
  const source = join(dir, 'source.txt');
  if (!existsSync(source)) throw invalid(shown, `${shown}: 同目录下缺少原文 source.txt`);
  return buildPlan(raw, readFileSync(source, 'utf8'), shown);
}

/** Every plan under the policies folder. */
export function loadPlans(root = defaultPoliciesDir()): Plan[] {
  let plans = cache.get(root);
  if (!plans) {
    const base = dirname(root);
    plans = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'plan.yaml')))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => readPlan(join(root, e.name), relative(base, join(root, e.name, 'plan.yaml')).split('\\').join('/')));
    cache.set(root, plans);
  }
  return plans;
}

/** The plan of a city, or null when its text sets none. */
export function planOfCity(city: string, root?: string): Plan | null {
  return loadPlans(root).find((p) => p.city === city) ?? null;
}

/** A plan by id; NOT_FOUND naming the ones there are. */
export function getPlan(id: string, root?: string): Plan {
  const plans = loadPlans(root);
  const plan = plans.find((p) => p.id === id);
  if (!plan) throw notFound(`未知的行动计划 “${id}”,可用:${plans.map((p) => p.id).join('、')}`, 'plan');
  return plan;
}
