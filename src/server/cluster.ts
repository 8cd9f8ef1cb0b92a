// `zgsz serve --workers N`: one primary process forks N workers (node:cluster) that share the
// listening port; each worker is a whole instance (its own pool, timers and job worker), so the
// workers of one machine behave like instances on several machines behind a balancer.
// The primary holds no database connection and serves nothing: it starts workers, replaces one
// that dies (backing off when they keep dying young), and stops them gracefully on SIGTERM/SIGINT.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { invalid } from '../domain/errors.ts';

export const MAX_WORKERS = 64;
/** The environment variable that tells a worker its slot (0…N−1); slot 0 owns the machine-local chores. */
export const WORKER_SLOT_ENV = 'ZGSZ_WORKER_SLOT';

/**
 * The number of processes to run. Embedded PGlite: always one (one process owns its data
 * directory; a second one would corrupt it). PostgreSQL: the option, else ZGSZ_WORKERS, else the
 * number of cores.
 */
export function resolveWorkers(o: { option?: string; env?: string; postgres: boolean; cores?: number }): number {
  const [raw, field] = o.option !== undefined ? [o.option, 'workers'] : [o.env || undefined, 'ZGSZ_WORKERS'];
  if (raw === undefined) return o.postgres ? Math.min(MAX_WORKERS, o.cores ?? availableParallelism()) : 1;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > MAX_WORKERS) {
    throw invalid(field, `${field === 'workers' ? '--workers' : 'ZGSZ_WORKERS'} 须为 1–${MAX_WORKERS} 的整数,收到 "${raw}" (worker count must be an integer 1–${MAX_WORKERS})`);
  }
  const n = Number(raw);
  if (n > 1 && !o.postgres) {
    throw invalid(field, `内嵌数据库(PGlite)的数据目录只能由一个进程打开,${field === 'workers' ? '--workers' : 'ZGSZ_WORKERS'} 只能为 1;`
      + `多进程或多实例请设置 DATABASE_URL 使用 PostgreSQL (embedded PGlite is owned by one process: more than one worker needs PostgreSQL)`);
  }
  return n;
}

/** This process's slot when it is a cluster worker; null when it is a single instance. */
export function workerSlot(): number | null {
  return cluster.isWorker ? Number(process.env[WORKER_SLOT_ENV] ?? 0) : null;
}

export interface PrimaryOptions {
  workers: number;
  /** How long a stopping worker may take to finish its requests and jobs before it is killed. */
  shutdownTimeoutMs?: number;
  /** Called once, when every worker of the first start listens (the port they share). */
  onListening?: (port: number) => void;
  log?: (line: string) => void;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** A worker that dies within this long of listening counts as a crash loop, not a one-off. */
const STABLE_AFTER_MS = 10_000;

/** Runs the primary until it is told to stop; resolves with the exit code once every worker is gone. */
export function runPrimary(o: PrimaryOptions): Promise<number> {
  const log = o.log ?? ((line: string) => console.error(line));
  const shutdownTimeoutMs = o.shutdownTimeoutMs ?? 30_000;
  const slots = new Map<Worker, { slot: number; listenedAt: number | null }>();
  const failures = new Array<number>(o.workers).fill(0);
  const pending = new Set<NodeJS.Timeout>();
  let everListened = false;
  let announced = false;
  let stopping = false;
  let done: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => { done = resolve; });
  let exitCode = 0;

  const fork = (slot: number) => {
    const worker = cluster.fork({ [WORKER_SLOT_ENV]: String(slot) });
    slots.set(worker, { slot, listenedAt: null });
    worker.on('listening', (address) => {
      slots.get(worker)!.listenedAt = Date.now();
      everListened = true;
      if (!announced && [...slots.values()].filter((s) => s.listenedAt !== null).length === o.workers) {
        announced = true;
        o.onListening?.(address.port);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const state = slots.get(worker);
    slots.delete(worker);
    if (!state) return;
    if (stopping) {
      if (slots.size === 0) done(exitCode);
      return;
    }
    // A worker that never came up before any other did: the configuration is wrong (port taken,
    // database unreachable); restarting it forever would only hide that.
    if (!everListened && state.listenedAt === null) {
      log(`工作进程 ${worker.process.pid} 未能启动 (exit ${code ?? signal}),服务停止 (a worker failed to start; stopping)`);
      exitCode = 1;
      stop();
      if (slots.size === 0) done(exitCode);
      return;
    }
    const young = state.listenedAt === null || Date.now() - state.listenedAt < STABLE_AFTER_MS;
    failures[state.slot] = young ? failures[state.slot]! + 1 : 0;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** failures[state.slot]!);
    log(`工作进程 ${worker.process.pid} 退出 (${signal ?? `exit ${code}`}),${(delay / 1000).toFixed(1)} 秒后重启 (worker died; replacing it)`);
    const timer = setTimeout(() => {
      pending.delete(timer);
      if (!stopping) fork(state.slot);
    }, delay);
    pending.add(timer);
  });

  // Each worker stops like a single instance on SIGTERM: health answers 503, new connections are
  // refused, requests in flight finish, then it exits. One that takes too long is killed.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
    for (const worker of slots.keys()) {
      if (!worker.isDead()) worker.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const worker of slots.keys()) {
        if (!worker.isDead()) {
          log(`工作进程 ${worker.process.pid} 未在 ${shutdownTimeoutMs / 1000} 秒内停止,强制结束 (worker killed after the shutdown timeout)`);
          worker.process.kill('SIGKILL');
        }
      }
    }, shutdownTimeoutMs).unref();
  };
  const onSignal = () => {
    stop();
    if (slots.size === 0) done(exitCode);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  for (let slot = 0; slot < o.workers; slot++) fork(slot);
  return finished.finally(() => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  });
}
