// The one place that reads policy files from disk: policies/facts.yaml and one folder per
// policy text (policy.yaml, parameters.yaml, measures.yaml, source.txt, tests/*.yaml).
// Everything is parsed, built and checked here, at load; a bad file stops the load with an
// error naming the file and the place in it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, YAMLParseError } from 'yaml';
import { invalid } from '../domain/errors.ts';
import { buildFactSchema } from '../domain/policy/fact-schema.ts';
import { buildPolicy } from '../domain/policy/build-policy.ts';
import { checkPolicy } from '../domain/policy/check-policy.ts';
import { buildChecklists, type EvidenceChecklists } from '../domain/applications/evidence.ts';
import type { FactSchema, Policy, PolicyLibrary } from '../domain/policy/types.ts';

export function defaultPoliciesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../policies');
}

function readYaml(path: string, shown: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0]?.line;
      throw invalid(`${shown}#line${line ?? '?'}`, `${shown} 第${line ?? '?'}行: YAML 格式错误: ${e.message.split('\n')[0]}`);
    }
    throw e;
  }
}

export function loadPolicyLibrary(root = defaultPoliciesDir()): PolicyLibrary {
  const base = dirname(root);
  const shown = (p: string) => relative(base, p).split('\\').join('/');
  const factsFile = join(root, 'facts.yaml');
  if (!existsSync(factsFile)) throw invalid(shown(factsFile), `缺少事实字典 ${shown(factsFile)}`);
  const facts = buildFactSchema(readYaml(factsFile, shown(factsFile)), shown(factsFile));
  const policies = new Map<string, Policy>();
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const policy = loadPolicyDir(join(root, entry.name), facts, shown);
    if (policy.id !== entry.name) throw invalid(`${shown(join(root, entry.name))}/policy.yaml#id`, `${shown(join(root, entry.name))}/policy.yaml id: ${policy.id} 须与目录名 ${entry.name} 一致`);
    policies.set(policy.id, policy);
  }
  return { facts, policies };
}

export function loadPolicyDir(dir: string, facts: FactSchema, shown: (p: string) => string = (p) => p): Policy {
  const file = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) throw invalid(shown(p), `缺少文件 ${shown(p)}`);
    return { file: shown(p), data: readYaml(p, shown(p)) };
  };
  const sourcePath = join(dir, 'source.txt');
  const policy = buildPolicy(
    {
      dir: shown(dir),
      policy: file('policy.yaml'),
      parameters: file('parameters.yaml'),
      measures: file('measures.yaml'),
      ...(existsSync(sourcePath) && { sourceText: readFileSync(sourcePath, 'utf8') }),
    },
    facts,
  );
  checkPolicy(policy);
  return policy;
}

/** The test-case files of a policy folder, parsed but not yet interpreted. */
export function loadPolicyTestFiles(policy: Policy, root = defaultPoliciesDir()): { file: string; data: unknown }[] {
  const dir = join(dirname(root), policy.dir, 'tests');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => ({ file: `${policy.dir}/tests/${n}`, data: readYaml(join(dir, n), `${policy.dir}/tests/${n}`) }));
}

let library: PolicyLibrary | undefined;

/** The library under policies/, loaded once per process (the files are the source of truth). */
export function policyLibrary(): PolicyLibrary {
  library ??= loadPolicyLibrary();
  return library;
}

const checklists = new Map<string, EvidenceChecklists>();

/** The evidence checklists of a policy (policies/<id>/evidence.yaml), read once per process. */
export function evidenceChecklists(policy: Policy, root = defaultPoliciesDir()): EvidenceChecklists {
  let found = checklists.get(policy.id);
  if (!found) {
    const path = join(dirname(root), policy.dir, 'evidence.yaml');
    const shown = `${policy.dir}/evidence.yaml`;
    if (!existsSync(path)) throw invalid(shown, `缺少文件 ${shown}`);
    found = buildChecklists(policy, readYaml(path, shown), shown);
    checklists.set(policy.id, found);
  }
  return found;
}
