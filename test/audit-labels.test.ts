// Every action and entity code the sources write to the audit log has a Chinese and an English
// label (the audit page showed approve, submit, return, assessment_sign_off … raw). The codes are
// found by reading the sources, so a new audited write without a label fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimReviewSchema } from '../src/domain/enterprise/enterprise-input.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditActionLabel, auditEntityLabel } from '../src/domain/audit/labels.ts';
import { returnSchema } from '../src/use-cases/applications/application-input.ts';
import { transferDecisionSchema } from '../src/use-cases/enterprises/decide-transfer.ts';
import { acceptanceSchema } from '../src/use-cases/funds/fund-input.ts';
import { orgStepSchema, sanctionSchema } from '../src/use-cases/providers/org-input.ts';
import { resolveSchema } from '../src/use-cases/publicity/resolve-objection.ts';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));

/** Files that write audit entries: through the repository, the application review helper or the export recorder. */
const AUDITING = /\bappendAudit(Batch|Pending)?\(|\breviewAction\(|\brecordExport\(/;
const sources = files(SRC).filter((f) => !f.includes('domain/audit/') && !f.endsWith('audit-repository.ts') && AUDITING.test(readFileSync(f, 'utf8')))
  // Import lists (`import { action, … }`) are not values written.
  .map((f) => ({ file: relative(SRC, f), text: readFileSync(f, 'utf8').replace(/^import [^;]*;/gms, '') }));

const optionsOf = (schema: { shape: Record<string, unknown> }, key: string) => (schema.shape[key] as { options: string[] }).options;

/**
 * Codes computed from input rather than written as literals: file, the expression, and the codes it
 * can produce, read from the same zod enums the use cases validate with.
 */
const DYNAMIC: { file: string; expr: string; codes: () => string[] }[] = [
  { file: 'use-cases/enterprises/review-certification-claim.ts', expr: 'input.decision', codes: () => optionsOf(claimReviewSchema, 'decision') },
  { file: 'use-cases/enterprises/decide-transfer.ts', expr: 'input.decision', codes: () => optionsOf(transferDecisionSchema, 'decision') },
  { file: 'use-cases/publicity/resolve-objection.ts', expr: 'input.decision', codes: () => optionsOf(resolveSchema, 'decision') },
  { file: 'use-cases/funds/record-acceptance.ts', expr: '`acceptance_${input.result}`', codes: () => optionsOf(acceptanceSchema, 'result').map((r) => `acceptance_${r}`) },
  { file: 'use-cases/providers/admission-step.ts', expr: '`admission_${input.action}`', codes: () => optionsOf(orgStepSchema, 'action').map((a) => `admission_${a}`) },
  { file: 'use-cases/providers/sanction-org.ts', expr: '`sanction_${input.action}`', codes: () => optionsOf(sanctionSchema, 'action').map((a) => `sanction_${a}`) },
  { file: 'use-cases/applications/return-application.ts', expr: '`return_${input.to}`', codes: () => optionsOf(returnSchema, 'to').map((t) => `return_${t}`) },
  // reviewAction passes its `action` parameter through: the callers' literals are scanned below.
  { file: 'use-cases/applications/review-action.ts', expr: 'action', codes: () => [] },
  { file: 'use-cases/assessment/delete-record.ts', expr: '`assessment_${kind}`', codes: () => [] },
];

const LITERAL = /^'([a-z0-9_]+)'$/;
const TERNARY = /^[\w.!]+ \? '([a-z0-9_]+)' : '([a-z0-9_]+)'$/;

function codesIn(property: 'action' | 'entity') {
  const found = new Map<string, string>();
  const unexplained: string[] = [];
  // `action: <value>` or the shorthand `{ action }`; a template literal may hold braces and commas.
  const pattern = new RegExp(`(?<![.\\w])${property}(?::\\s*(\`[^\`]*\`|[^,}\\n\`]+?))?\\s*[,}\\n]`, 'g');
  for (const { file, text } of sources) {
    for (const m of text.matchAll(pattern)) {
      const expr = (m[1] ?? property).trim();
      // Type annotations and parameters (`action: string`) are not values written.
      if (/^(string|number|boolean)\b/.test(expr) || expr.startsWith('z.')) continue;
      const literal = LITERAL.exec(expr) ?? TERNARY.exec(expr);
      if (literal) {
        for (const code of literal.slice(1)) found.set(code, file);
        continue;
      }
      const dynamic = DYNAMIC.find((d) => d.file === file && d.expr === expr);
      if (dynamic) for (const code of dynamic.codes()) found.set(code, file);
      else unexplained.push(`${file}: ${property}: ${expr}`);
    }
  }
  return { found, unexplained };
}

describe('audit labels', () => {
  it('finds the audited writes (the scan itself works)', () => {
    expect(sources.length).toBeGreaterThan(50);
    const { found } = codesIn('action');
    for (const code of ['login', 'approve', 'submit', 'return', 'export', 'import_create', 'acceptance_passed', 'sanction_warn', 'upheld', 'correct', 'disable']) {
      expect(found.has(code), code).toBe(true);
    }
  });

  it('every action code written has a Chinese and an English label', () => {
    const { found, unexplained } = codesIn('action');
    // What callers pass to reviewAction as its action (reject, handover, withdraw, return_…) is written too.
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/reviewAction\([^;]*?, ('[a-z_]+'|`[^`]*`)(?:, [^)]*)?\);/gs)) {
        const literal = LITERAL.exec(m[1]!);
        if (literal) found.set(literal[1]!, file);
        else for (const code of DYNAMIC.find((d) => d.file === file && d.expr === m[1])?.codes() ?? [`unexplained ${m[1]}`]) found.set(code, file);
      }
    }
    expect(unexplained, 'dynamic action codes: add them to DYNAMIC in this test').toEqual([]);
    const missing = [...found].filter(([code]) => !Object.hasOwn(AUDIT_ACTIONS, code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
    for (const code of found.keys()) {
      expect(auditActionLabel(code, 'zh'), code).toMatch(/[\u4e00-\u9fff]/);
      expect(auditActionLabel(code, 'en'), code).not.toBe(code);
    }
    for (const code of ['reject', 'handover', 'withdraw', 'return_applicant', 'return_step']) expect(found.has(code), code).toBe(true);
  });

  it('every entity code written has a label', () => {
    const { found } = codesIn('entity');
    for (const kind of ['activity', 'event', 'project']) found.set(`assessment_${kind}`, 'use-cases/assessment/delete-record.ts');
    const missing = [...found].filter(([code]) => !Object.hasOwn(AUDIT_ENTITIES, code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
    expect(found.has('assessment_sign_off')).toBe(true);
    expect(auditEntityLabel('assessment_sign_off', 'zh')).toBe('考核审定');
  });

  it('an unknown code is shown as it is, and no code finds Object.prototype', () => {
    expect(auditActionLabel('future_action', 'zh')).toBe('future_action');
    expect(auditActionLabel('constructor', 'en')).toBe('constructor');
    expect(auditEntityLabel('toString', 'zh')).toBe('toString');
    expect(auditActionLabel('assessment_sign_off', 'zh')).toBe('assessment_sign_off');
    expect(auditActionLabel('approve', 'zh')).toBe('批准');
    expect(auditActionLabel('return', 'en')).toBe('Return');
  });
});
