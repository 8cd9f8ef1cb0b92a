import type { Command } from 'commander';
import { verifyAuditLog } from '../../use-cases/audit/verify-audit-log.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

export function register(program: Command): void {
  const audit = program.command('audit').description('审计日志 (audit log)');
  audit.command('verify').option('--json', 'JSON 输出')
    .description('用审计密钥校验哈希链与签名检查点,指出第一条被篡改、插入或删除的记录 (verify the keyed chain and the checkpoints)')
    .action(action(async (o: { json?: boolean }) => withDatabase(async ({ db }, config) => {
      const r = await verifyAuditLog(db, cliActor(), { checkpointFile: config.auditCheckpointFile, now: new Date() });
      if (o.json) {
        const { wroteCheckpoint, ...report } = r;
        printJson({ ...report, wroteCheckpointAt: wroteCheckpoint?.seq ?? null });
      } else {
        const checkpoints = `${r.checkpoints} 个签名检查点${r.restoredAt ? `(${r.restoredAt} 恢复后;之前的 ${r.setAside} 个已作废)` : ''}`;
        if (r.ok) console.log(`审计日志完好:${r.count} 条记录,哈希链连续,密钥签名(密钥 ${r.keyId})与${checkpoints}均相符`);
        else {
          console.log(`审计日志异常:${r.count} 条记录中发现 ${r.problems.length} 处问题(对照${checkpoints},密钥 ${r.keyId})`);
          if (r.firstBadSeq !== null) console.log(`  第一条有问题的记录:第 ${r.firstBadSeq} 条`);
          for (const p of r.problems) console.log(`  ${p.seq ? `第 ${p.seq} 条` : '检查点'} [${p.kind}] ${p.message}`);
        }
        for (const w of r.warnings) console.log(`  注意:${w}`);
        if (r.wroteCheckpoint) console.log(`  已写入检查点(第 ${r.wroteCheckpoint.seq} 条):${config.auditCheckpointFile}`);
      }
      if (!r.ok) process.exitCode = 3;
    })));
}
