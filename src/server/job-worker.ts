// The job queue's worker in this instance (免申即享 runs, enterprise imports): kicked right after a
// route queues a job, and every few seconds for jobs queued on another instance or left running by
// one that stopped (claimed again once their lease has run out). One worker per app, whichever
// route plugin asks first; closing the app stops it between jobs and waits for the one running.
import { drainJobs, workerId } from '../use-cases/jobs/work-jobs.ts';
import type { RouteApp } from './context.ts';

const POLL_MS = 5_000;
const workers = new WeakMap<object, () => void>();

/** The function that wakes this instance's worker (the routes call it after queueing a job). */
export function jobWorker(app: RouteApp): () => void {
  const existing = workers.get(app.ctx);
  if (existing) return existing;
  const worker = workerId();
  let draining: Promise<unknown> | null = null;
  let closing = false;
  const kick = () => {
    if (closing) return;
    draining ??= drainJobs(app.ctx.database.db, worker, { stopped: () => closing })
      .catch((e: unknown) => app.log.error({ err: e }, 'a background job failed'))
      .finally(() => { draining = null; });
  };
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    timer = setInterval(kick, POLL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    closing = true;
    if (timer) clearInterval(timer);
    await draining;
  });
  workers.set(app.ctx, kick);
  return kick;
}
