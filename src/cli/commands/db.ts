import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadBackupKey } from '../../config/backup-key.ts';
import { backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { DEMO_BUSINESS_DATE, seedDemo } from '../../db/seed/seed.ts';
import { SCALE_MAX, seedScaleEnterprises } from '../../db/seed/scale-enterprises.ts';
import { LocalFileStore } from '../../io/file-store.ts';
import { invalid } from '../../domain/errors.ts';
import { checkpointAuditLog } from '../../use-cases/audit/checkpoint-audit-log.ts';
import { action, withDatabase } from '../run.ts';

export function register(program: Command): void {
  const db = program.command('db').description('数据库:迁移、演示数据、备份与恢复 (database)');
  db.command('migrate').description('执行所有未执行的迁移 (apply migrations)')
    .action(action(async () => withDatabase(async (d) => console.log(`迁移完成 (${d.kind}: ${d.location})`))));
  db.command('seed').description('向空数据库写入演示数据 (seed demo data into an empty database)')
    .option('--enterprises <n>', `再把企业档案增加到 n 家(1–${SCALE_MAX.toLocaleString('en')};确定性生成,用于按省级规模试用与基准测试)(grow the file to n enterprises)`)
    .action(action(async (opts: { enterprises?: string }) => {
      const target = opts.enterprises === undefined ? undefined : Number(opts.enterprises);
      if (target !== undefined && !(/^\d+$/.test(opts.enterprises!) && target >= 1 && target <= SCALE_MAX)) {
        throw invalid('--enterprises', `须为 1 至 ${SCALE_MAX} 的整数`);
      }
      await withDatabase(async (d, config) => {
        const money = { files: new LocalFileStore(config.filesDir), today: config.businessDate ?? DEMO_BUSINESS_DATE };
        // The demo accounts' password is not printed here: it is in the README, for demos only.
        console.log((await seedDemo(d.db, undefined, money))
          ? '已写入演示数据。演示账号的密码见 README「演示账号」一节;生产数据库请勿写入演示数据'
          : '数据库已有账号,未写入演示数据');
        if (target === undefined) return;
        const started = performance.now();
        let shown = 0;
        const { added, total } = await seedScaleEnterprises(d.db, target, ({ done }) => {
          if (process.stderr.isTTY && done - shown >= 50_000) {
            shown = done;
            process.stderr.write(`\r  ${done.toLocaleString('en')} / ${target.toLocaleString('en')}`);
          }
        });
        if (shown) process.stderr.write('\n');
        console.log(`已增加 ${added.toLocaleString('en')} 家企业,档案共 ${total.toLocaleString('en')} 家,用时 ${((performance.now() - started) / 1000).toFixed(1)} s (enterprises added)`);
      });
    }));
  db.command('backup').argument('<file>', '备份文件 (.zgszbak)')
    .option('--unencrypted', '不加密(仅限开发环境;生产环境须设置 ZGSZ_BACKUP_KEY)')
    .description('备份全部数据,用 ZGSZ_BACKUP_KEY 以 AES-256-GCM 加密;会话与登录计数不备份 (back up every table, encrypted)')
    .action(action(async (file: string, opts: { unencrypted?: boolean }) => {
      // Checked before the database is opened: a refused backup leaves no file and no checkpoint.
      const key = loadBackupKey();
      if (!key && !opts.unencrypted) {
        throw invalid('ZGSZ_BACKUP_KEY', '未设置 ZGSZ_BACKUP_KEY:备份须加密(32 字节密钥,可用 openssl rand -hex 32 生成,与备份分开保管);仅开发环境可加 --unencrypted 生成未加密的备份');
      }
      await withDatabase(async (d) => {
        const counts = await backupDatabase(d.db, file, opts.unencrypted ? { unencrypted: true } : { key: key! });
        console.log(opts.unencrypted ? `警告:未加密的备份(仅供开发),已写入 ${file}:` : `已加密备份到 ${file}(AES-256-GCM):`);
        for (const [t, n] of Object.entries(counts)) console.log(`  ${t.padEnd(28)} ${n}`);
      });
    }));
  db.command('restore').argument('<file>', '备份文件')
    .option('--unencrypted', '也接受未加密的备份(仅限开发环境)')
    .description('用备份替换全部数据(在一个事务中;先校验认证标签,不符则拒绝;恢复后所有人须重新登录) (restore, replacing all data)')
    .action(action(async (file: string, opts: { unencrypted?: boolean }) => {
      if (!existsSync(file)) throw invalid('file', `文件 ${file} 不存在`);
      const key = loadBackupKey();
      await withDatabase(async (d, config) => {
        const counts = await restoreDatabase(d.db, file, { key, allowUnencrypted: opts.unencrypted === true });
        console.log(`已从 ${file} 恢复:`);
        for (const [t, n] of Object.entries(counts)) console.log(`  ${t.padEnd(28)} ${n}`);
        // The restored log is older than the checkpoints written since the backup: a signed restore
        // line says so, or `audit verify` would rightly report the newer rows as cut off.
        const cp = await checkpointAuditLog(d.db, { file: config.auditCheckpointFile, now: new Date(), kind: 'restore' });
        console.log(`审计日志恢复至第 ${cp?.seq ?? 0} 条,已在 ${config.auditCheckpointFile} 记下恢复点`);
      });
    }));
}
