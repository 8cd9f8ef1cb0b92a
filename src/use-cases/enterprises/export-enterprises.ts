// Streams the enterprise file to .xlsx in the import layout, reading the database page by page
// (keyset on id) so memory stays flat however many enterprises there are. The export is recorded in
// the audit log with its filter and row count: enterprise files hold contacts' names and phones.
import type { Writable } from 'node:stream';
import ExcelJS from '../../lib/exceljs.ts';
import type { Executor } from '../../db/client.ts';
import { certificationsOf, type EnterpriseFilter, enterprisePageAfter, filterCondition } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { COLUMNS, enterpriseToRow } from './enterprise-columns.ts';
import { presentEnterprise } from './enterprise-presenter.ts';
import { recordExport } from '../audit/record-export.ts';

export interface ExportOptions {
  /** After each page, with the rows written so far; a throw stops the export (a job lost or stopped). */
  onProgress?: (rows: number) => void | Promise<void>;
  /**
   * false: not recorded here. A queued export (run-export-job.ts) is recorded when its file is
   * downloaded, which is when the data leaves the platform, by whoever downloads it.
   */
  audit?: boolean;
  /** Enterprises read per page (default 2,000). */
  pageSize?: number;
}

export async function exportEnterprises(db: Executor, actor: Actor, out: Writable, filter: EnterpriseFilter = {}, opts: ExportOptions = {}): Promise<number> {
  assertPermission(actor, 'enterprises.export');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('企业档案');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const where = filterCondition(dataScope(actor), filter);
  let lastId: string | null = null;
  let total = 0;
  // Recorded once the rows are counted, also when the export breaks off (how far it got).
  const record = async (result: string) => {
    if (opts.audit !== false) await recordExport(db, actor, { entity: 'enterprise', scope: { ...filter }, rows: total, result });
  };
  try {
    for (;;) {
      const page = await enterprisePageAfter(db, where, lastId, opts.pageSize ?? 2000);
      if (!page.length) break;
      const certs = await certificationsOf(db, page.map((e) => e.id));
      for (const e of page) sheet.addRow(enterpriseToRow(presentEnterprise(e, certs.get(e.id)))).commit();
      total += page.length;
      await opts.onProgress?.(total);
      lastId = page[page.length - 1]!.id;
    }
    sheet.commit();
  } catch (e) {
    await record('aborted').catch(() => undefined);
    throw e;
  }
  // Recorded before the workbook is closed: the client has a whole file only once its export is in
  // the audit log (recorded after, the download could finish before the entry was written, or without it).
  await record('ok');
  await workbook.commit();
  return total;
}
