// A synthetic enterprise file written by the database itself (generate_series), for benches that
// time what reads the file, not the writing: enterprises `from`…`to` (exclusive) in chunks of
// 200,000, USCC '9132' + the number, spread over `regions`; `eachChunk` adds what a bench needs
// beside them (certifications, facts, projects) for the USCC range of each chunk. Not timed.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';

export interface GrowOptions {
  regions: readonly string[];
  /** Name prefix; the number follows. */
  name: string;
  /** Every n-th enterprise a branch (分支机构); none when absent. */
  branchEvery?: number;
  /** SQL run per chunk: `range` is the chunk's USCC condition (`uscc between … and …`). */
  eachChunk?: (range: string) => Promise<void>;
}

export const usccRange = (start: number, end: number) => `uscc between '9132' || lpad('${start}', 14, '0') and '9132' || lpad('${end - 1}', 14, '0')`;

export async function growFile(database: Database, from: number, to: number, opts: GrowOptions): Promise<void> {
  const regions = `array[${opts.regions.map((r) => `'${r}'`).join(',')}]`;
  const legalForm = opts.branchEvery ? `case when i % ${opts.branchEvery} = 0 then 'branch' else 'independent' end` : `'independent'`;
  for (let start = from; start < to; start += 200_000) {
    const end = Math.min(to, start + 200_000);
    await database.db.execute(sql.raw(`
      insert into enterprises (uscc, name, region_id, industry_code, above_scale, legal_form)
      select '9132' || lpad(i::text, 14, '0'), '${opts.name}' || i, (${regions})[1 + i % ${opts.regions.length}], 'C3' || (10 + i % 30),
        i % 3 = 0, ${legalForm}
      from generate_series(${start}, ${end - 1}) as i`));
    await opts.eachChunk?.(usccRange(start, end));
  }
  // As settleAfterBulkLoad after `db seed --enterprises`: statistics and the visibility map, which
  // autovacuum would set soon after a load in production (this machine's PostgreSQL runs without
  // it); without the map every index-only scan visits the heap for each row.
  await database.db.execute(sql`vacuum (analyze)`);
}
