// `zgsz enterprises entitlements <uscc>`: 可享政策 of one enterprise from its file, as its home page
// shows them — met, nearly met with what is missing, and (with --all) the rest.
import type { Command } from 'commander';
import { businessDate } from '../../config/env.ts';
import { findEnterpriseByUscc } from '../../db/repositories/enterprise-repository.ts';
import { notFound } from '../../domain/errors.ts';
import { parseIsoDate } from '../../domain/policy/dates.ts';
import { findEntitlements } from '../../use-cases/enterprises/find-entitlements.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

const STATUS_TEXT = { eligible: '可享', near: '尚需条件', not_met: '未满足', not_applicable: '不适用' } as const;

export function registerEntitlements(ent: Command): void {
  ent.command('entitlements').argument('<uscc>', '统一社会信用代码')
    .option('--date <YYYY-MM-DD>', '测算日期(默认业务日期)')
    .option('--all', '同时列出未满足和不适用的措施')
    .option('--json', 'JSON 输出')
    .description('按企业档案测算本市有效政策的可享措施 (entitlements from the enterprise file)')
    .action(action(async (uscc: string, o: { date?: string; all?: boolean; json?: boolean }) => {
      const report = await withDatabase(async ({ db }, config) => {
        const date = o.date === undefined ? businessDate(config) : parseIsoDate(o.date, 'date');
        const row = await findEnterpriseByUscc(db, uscc.trim().toUpperCase());
        if (!row) throw notFound(`没有统一社会信用代码为 ${uscc} 的企业档案`, 'uscc');
        return findEntitlements(db, cliActor(), row.id, date);
      });
      if (o.json) return printJson(report);
      console.log(`${report.enterprise.name}(${report.enterprise.uscc}) 测算日期 ${report.date}`);
      if (report.pendingClaims) console.log(`  有 ${report.pendingClaims} 项认定待核实,核实确认后才计入`);
      if (!report.policies.length) console.log('  本市没有在有效期内的政策');
      for (const p of report.policies) {
        console.log(`\n${p.shortTitle}${p.number ? `(${p.number})` : ''},有效期至 ${p.validity.to}`);
        for (const status of ['eligible', 'near', ...(o.all ? ['not_met', 'not_applicable'] as const : [])] as const) {
          const list = p.measures.filter((m) => m.status === status);
          console.log(`  【${STATUS_TEXT[status]}】${list.length} 项`);
          for (const m of list) {
            const detail = status === 'eligible' ? m.conclusion.replace(/^结论: /, '')
              : status === 'near' ? `还需:${m.missing.map((x) => x.condition).join(';')}`
                : m.failures.map((f) => f.message).join(';');
            console.log(`    ${m.title}(${m.clause}) ${detail}`);
          }
        }
      }
    }));
}
