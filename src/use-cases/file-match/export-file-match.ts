// The result of a finished run as an Excel workbook. The export is recorded in the audit log with
// the run's filter and row count, like every export of enterprises' data.
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict } from '../../domain/errors.ts';
import type { FileMatchResult } from '../../domain/policy/file-match.ts';
import { fileMatchWorkbook } from '../../reports/file-match/file-match-workbook.ts';
import { recordExport } from '../audit/record-export.ts';
import { regionName, type FileMatchParams } from './file-match-params.ts';
import { loadFileMatch } from './get-file-match.ts';

export function filterText(p: FileMatchParams): string {
  const parts = [p.regionId ? regionName(p.regionId) : '全部地区'];
  if (p.industry) parts.push(`行业 ${p.industry}`);
  if (p.aboveScale !== undefined) parts.push(p.aboveScale ? '规上' : '规下');
  if (p.chain) parts.push(p.chain);
  if (p.certification) parts.push({ integration: '两化融合', cloud: '星级上云', recognition: '示范称号' }[p.certification]);
  return parts.join('、');
}

export async function exportFileMatch(db: Executor, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const row = await loadFileMatch(db, actor, id);
  if (row.status !== 'done') throw conflict('匹配尚未完成,完成后才能导出', 'id');
  const result = row.result as FileMatchResult;
  const params = row.params as FileMatchParams;
  const buffer = await fileMatchWorkbook(result, filterText(params));
  await recordExport(db, actor, { entity: 'file_match', scope: { job: row.id, ...params }, rows: result.matches.length });
  return { buffer, filename: `免申即享匹配-${result.policy.id}-${result.date}.xlsx` };
}
