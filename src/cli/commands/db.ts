import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { DEMO_BUSINESS_DATE, seedDemo } from '../../db/seed/seed.ts';
import { LocalFileStore } from '../../io/file-store.ts';
import { invalid } from '../../domain/errors.ts';
import { action, withDatabase } from '../run.ts';

export function register(program: Command): void {
  const db = program.command('db').description('数据库:迁移、演示数据、备份与恢复 (database)');
  db.command('migrate').description('执行所有未执行的迁移 (apply migrations)')
    .action(action(async () => withDatabase(async (d) => console.log(`迁移完成 (${d.kind}: ${d.location})`))));
  db.command('seed').description('向空数据库写入演示数据 (seed demo data into an empty database)')
    .action(action(async () => withDatabase(async (d, config) => {
      const money = { files: new LocalFileStore(config.filesDir), today: config.businessDate ?? DEMO_BUSINESS_DATE };
      console.log((await seedDemo(d.db, undefined, money)) ? '已写入演示数据' : '数据库已有账号,未写入演示数据');
    })));
  db.command('backup').argument('<file>', '备份文件 (.ndjson.gz)').description('备份全部数据 (back up every table)')
    .action(action(async (file: string) => withDatabase(async (d) => {
      const counts = await backupDatabase(d.db, file);
      console.log(`已备份到 ${file}:`);
      for (const [t, n] of Object.entries(counts)) console.log(`  ${t.padEnd(28)} ${n}`);
    })));
  db.command('restore').argument('<file>', '备份文件').description('用备份替换全部数据(在一个事务中) (restore, replacing all data)')
    .action(action(async (file: string) => {
      if (!existsSync(file)) throw invalid('file', `文件 ${file} 不存在`);
      await withDatabase(async (d) => {
        const counts = await restoreDatabase(d.db, file);
        console.log(`已从 ${file} 恢复:`);
        for (const [t, n] of Object.entries(counts)) console.log(`  ${t.padEnd(28)} ${n}`);
      });
    }));
}
