import type { Command } from 'commander';
import { verifyAuditChain } from '../../db/repositories/audit-repository.ts';
import { action, printJson, withDatabase } from '../run.ts';

export function register(program: Command): void {
  const audit = program.command('audit').description('审计日志 (audit log)');
  audit.command('verify').option('--json', 'JSON 输出').description('校验哈希链,指出被篡改、插入或删除的记录 (verify the chain)')
    .action(action(async (o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await verifyAuditChain(db);
      if (o.json) printJson({ ok: r.problems.length === 0, ...r });
      else if (!r.problems.length) console.log(`审计日志完好:${r.count} 条记录,哈希链连续`);
      else {
        console.log(`审计日志异常:${r.count} 条记录中发现 ${r.problems.length} 处问题`);
        for (const p of r.problems) console.log(`  第 ${p.seq} 条 [${p.kind}] ${p.message}`);
      }
      if (r.problems.length) process.exitCode = 3;
    })));
}
