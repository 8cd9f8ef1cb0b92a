// Reads one worksheet of an uploaded .xlsx row by row within the upload's limits, parsing it on a
// worker thread (xlsx-worker.ts runs xlsx-parse.ts). Unpacking and parsing a large or hostile
// workbook is seconds of CPU and, with its garbage, pauses of the heap it runs in: on the server's
// own thread that was every other request's latency (the health check waited up to 420 ms while a
// zip bomb was refused). On a thread of its own the server keeps answering, and the worker's heap
// has a hard ceiling besides the upload limits.
//
// At most ZGSZ_UPLOAD_PARSERS workbooks are parsed at once (default 2); further uploads wait their
// turn (a client that leaves stops waiting). Each read starts its own worker: an import reads the
// sheet twice (check, then write), and a worker never outlives the read it serves.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { throwIfAborted, UploadAborted } from './upload-limits.ts';
import { NO_CACHED_VALUE, type XlsxOptions, type XlsxRow, type XlsxSheet } from './xlsx-parse.ts';
import type { ReaderMessage, WireError, WorkerMessage, XlsxJob } from './xlsx-worker.ts';

export { columnName, NO_CACHED_VALUE, type XlsxOptions, type XlsxRow, type XlsxSheet, type XlsxValue } from './xlsx-parse.ts';

// The worker runs the TypeScript sources through tsx's loader, registered as the CLI does it
// (bin/zgsz.js): Node 20 does not apply `--import tsx` to a worker's own modules. Both addresses are
// absolute, so the server may run from any directory.
const require = createRequire(import.meta.url);
const tsxPackage = require('tsx/package.json') as { exports: Record<string, { import?: { default?: string } }> };
const TSX_API = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), tsxPackage.exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
const WORKER = new URL('./xlsx-worker.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;
/** A worker heap over this is stopped: the upload limits should refuse a file long before. */
const WORKER_HEAP_MB = 512;

const DEFAULT_PARSERS = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** How many workbooks may be parsed at once (ZGSZ_UPLOAD_PARSERS, 1–64; default 2). */
export function parserSlots(): number {
  const n = Number(process.env.ZGSZ_UPLOAD_PARSERS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : DEFAULT_PARSERS;
}

async function slot(signal: AbortSignal | undefined): Promise<() => void> {
  throwIfAborted(signal);
  if (running >= parserSlots()) {
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(new UploadAborted());
      };
      waiting.push(go);
      signal?.addEventListener('abort', leave, { once: true });
    });
  } else running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // The slot passes straight to the next in line, so `running` counts it without a gap.
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

function fromWire(e: WireError): Error {
  if (e.kind === 'domain') return new DomainError(e.code, e.message, e.field, e.details);
  if (e.kind === 'aborted') return new UploadAborted();
  return new Error(`读取工作簿失败:${e.message}`);
}

const outOfMemory = () => new DomainError(
  'TOO_LARGE', `工作簿解析所需内存超过 ${WORKER_HEAP_MB} MB,请拆分后上传 (the workbook needs too much memory)`, 'file', { limit: 'memory', allowed: WORKER_HEAP_MB },
);

/**
 * A parsing thread. Booting one (the loader, the parser's modules) costs a few hundred
 * milliseconds, so a worker whose job ran to its end waits, unreferenced, for the next upload;
 * one whose job was cut short is ended, so no half-done job can leak into the next.
 */
class ParserThread {
  readonly worker = new Worker(BOOT, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // The worker writes nothing; its streams are not mixed into the server's log.
    stdout: true,
    stderr: true,
  });
  job: Job | null = null;
  alive = true;

  constructor() {
    this.worker.on('message', (m: WorkerMessage) => this.job?.push(m));
    this.worker.on('error', (e: Error & { code?: string }) => this.job?.fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : e));
    this.worker.on('exit', () => {
      this.alive = false;
      const i = idle.indexOf(this);
      if (i >= 0) idle.splice(i, 1);
      this.job?.fail(new Error('读取工作簿的线程意外退出 (the workbook reader stopped)'));
    });
  }
}

const idle: ParserThread[] = [];

/** One job on a parsing thread, its messages as a queue the reader awaits one at a time. */
class Job {
  private readonly queue: WorkerMessage[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** The worker's last message for this job has been read: the thread may serve another. */
  private finished = false;

  constructor(private readonly thread: ParserThread, job: XlsxJob, private readonly signal: AbortSignal | undefined) {
    thread.job = this;
    thread.worker.ref();
    signal?.addEventListener('abort', this.onAbort, { once: true });
    thread.worker.postMessage({ type: 'job', job } satisfies ReaderMessage);
  }

  private readonly onAbort = () => this.fail(new UploadAborted());

  push(m: WorkerMessage) {
    this.queue.push(m);
    this.wake?.();
  }

  fail(e: Error) {
    this.failure ??= e;
    this.wake?.();
  }

  /** Asks the worker for its next batch of rows. */
  more(): void {
    this.thread.worker.postMessage({ type: 'more' } satisfies ReaderMessage);
  }

  async next(): Promise<WorkerMessage> {
    for (;;) {
      if (this.failure) throw this.failure;
      const m = this.queue.shift();
      if (m) {
        if (m.type === 'error' || m.type === 'end' || m.type === 'opened') this.finished = true;
        if (m.type === 'error') throw fromWire(m.error);
        return m;
      }
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
  }

  async stop(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.thread.job = null;
    if (this.finished && !this.failure && this.thread.alive) {
      this.thread.worker.unref();
      idle.push(this.thread);
    } else {
      await this.thread.worker.terminate();
    }
  }
}

/** Runs `use` on a parsing thread within a slot; the thread goes back to the pool or is ended. */
async function* onThread<T>(job: XlsxJob, signal: AbortSignal | undefined, use: (j: Job) => AsyncGenerator<T>): AsyncGenerator<T> {
  const release = await slot(signal);
  const j = new Job(idle.pop() ?? new ParserThread(), job, signal);
  try {
    yield* use(j);
  } finally {
    await j.stop();
    release();
  }
}

function readRows(file: SharedArrayBuffer, options: XlsxOptions, onProgress?: (fraction: number) => void): AsyncGenerator<XlsxRow> {
  const { signal, ...rest } = options;
  return onThread({ job: 'read', file, options: rest }, signal, async function* (j) {
    j.more();
    for (;;) {
      const m = await j.next();
      if (m.type === 'end') return;
      if (m.type !== 'rows') continue;
      // Ask for the next batch before handing this one out: the worker parses while we consume.
      j.more();
      onProgress?.(m.progress);
      for (const row of m.rows) {
        const cells = row.cells.map((c) => (c !== null && typeof c === 'object' ? NO_CACHED_VALUE : c));
        yield { number: row.number, cells };
      }
      throwIfAborted(signal);
      // A batch the worker sent while we consumed the last one is already queued: without this
      // turn of the event loop the caller's work on every batch would run back to back.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  });
}

/**
 * Opens the workbook and finds its sheet (every structural error is thrown here, as a 400 or 413);
 * `rows()` then reads the sheet, each time checked again against the limits.
 */
export async function openXlsx(file: Buffer, options: XlsxOptions): Promise<XlsxSheet> {
  // Shared, so that every read's worker sees the file without another copy of it.
  const shared = new SharedArrayBuffer(file.length);
  new Uint8Array(shared).set(file);
  const { signal, ...rest } = options;
  let name = '';
  for await (const opened of onThread({ job: 'open', file: shared, options: rest }, signal, async function* (j) {
    const m = await j.next();
    if (m.type !== 'opened') throw new Error(`读取工作簿失败:意外的消息 ${m.type}`);
    yield m.name;
  })) name = opened;
  return { name, rows: (onProgress) => readRows(shared, options, onProgress) };
}
