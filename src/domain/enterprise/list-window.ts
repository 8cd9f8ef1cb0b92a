// How far the enterprise list can be paged and where a page resumes (issue 11). At a million files a
// page number is an OFFSET that reads every row before it, and an exact total is a count of every row
// in scope; so page numbers reach the first LIST_WINDOW rows (10,000: five hundred pages of twenty),
// the total is counted up to that and shown as "10,000+" beyond it, and a client that walks further
// follows `next`, a cursor naming the last row of a page in the list's order (region, name, id).
import { invalid } from '../errors.ts';

export const LIST_WINDOW = 10_000;

export interface ListCursor { regionId: string; name: string; id: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const encodeCursor = (c: ListCursor): string => Buffer.from(JSON.stringify([c.regionId, c.name, c.id])).toString('base64url');

export function decodeCursor(text: string): ListCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string') || !UUID.test(value[2] as string)) {
    throw invalid('after', 'after 须为上一页结果中的 next 值 (a cursor returned as `next`)');
  }
  const [regionId, name, id] = value as [string, string, string];
  return { regionId, name, id };
}

/** Refuses a page number past the window, and a page number together with a cursor. */
export function checkListPage(page: number, pageSize: number, after: string | undefined): void {
  if (after !== undefined && page !== 1) throw invalid('page', 'page 与 after 不能同时使用:用 after 翻页时不传 page');
  if ((page - 1) * pageSize >= LIST_WINDOW) {
    throw invalid('page', `页码只能翻到前 ${LIST_WINDOW.toLocaleString('en')} 条(每页 ${pageSize} 条时至多第 ${Math.ceil(LIST_WINDOW / pageSize)} 页);请缩小搜索范围,或用上一页的 next 作 after 继续`);
  }
}
