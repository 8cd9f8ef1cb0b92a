// The worker thread that parses uploaded workbooks (started and pooled by xlsx-reader.ts). It takes
// one job at a time: `open` (check the workbook up to its sheet and report the sheet's name) or
// `read` (send the sheet's rows in batches). A batch is sent only when the reader has asked for it,
// so at most two batches are in flight whatever the size of the sheet. A job that ends early (the
// reader stopped, the client left) ends with its worker: the pool keeps only workers whose job ran
// to its last message.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { UploadAborted } from './upload-limits.ts';
import { NO_CACHED_VALUE, parseXlsx, type XlsxOptions, type XlsxValue } from './xlsx-parse.ts';

export interface XlsxJob {
  job: 'open' | 'read';
  file: SharedArrayBuffer;
  options: Omit<XlsxOptions, 'signal'>;
}

export type ReaderMessage = { type: 'job'; job: XlsxJob } | { type: 'more' };

/** A cell as it crosses threads: NO_CACHED_VALUE (a symbol, which cannot be cloned) becomes this. */
export const NO_CACHED_VALUE_MARK = { noCachedValue: true } as const;
export type WireValue = Exclude<XlsxValue, typeof NO_CACHED_VALUE> | typeof NO_CACHED_VALUE_MARK;

export type WireError =
  | { kind: 'domain'; code: DomainError['code']; message: string; field?: string | undefined; details?: unknown }
  | { kind: 'aborted' }
  | { kind: 'other'; message: string };

export type WorkerMessage =
  | { type: 'opened'; name: string }
  | { type: 'rows'; rows: { number: number; cells: WireValue[] }[]; progress: number }
  | { type: 'end' }
  | { type: 'error'; error: WireError };

/** Rows per message: large enough that messaging costs nothing beside parsing, small enough to stay light. */
export const BATCH_ROWS = 1000;

function wireError(e: unknown): WireError {
  if (e instanceof DomainError) return { kind: 'domain', code: e.code, message: e.message, field: e.field, details: e.details };
  if (e instanceof UploadAborted) return { kind: 'aborted' };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}

if (parentPort) {
  const port = parentPort;
  const send = (m: WorkerMessage) => port.postMessage(m);
  let credits = 0;
  let credit: (() => void) | null = null;
  const asked = async () => {
    if (credits === 0) await new Promise<void>((resolve) => { credit = resolve; });
    credit = null;
    credits--;
  };

  const run = async ({ job, file, options }: XlsxJob) => {
    const sheet = await parseXlsx(Buffer.from(file), options);
    if (job === 'open') return send({ type: 'opened', name: sheet.name });
    let batch: { number: number; cells: WireValue[] }[] = [];
    let progress = 0;
    for await (const row of sheet.rows((fraction) => { progress = fraction; })) {
      batch.push({ number: row.number, cells: row.cells.map((c) => (c === NO_CACHED_VALUE ? NO_CACHED_VALUE_MARK : c)) });
      if (batch.length === BATCH_ROWS) {
        await asked();
        send({ type: 'rows', rows: batch, progress });
        batch = [];
      }
    }
    await asked();
    if (batch.length) send({ type: 'rows', rows: batch, progress: 1 });
    send({ type: 'end' });
  };

  port.on('message', (m: ReaderMessage) => {
    if (m.type === 'more') {
      credits++;
      credit?.();
      return;
    }
    credits = 0;
    run(m.job).catch((e: unknown) => send({ type: 'error', error: wireError(e) }));
  });
}
