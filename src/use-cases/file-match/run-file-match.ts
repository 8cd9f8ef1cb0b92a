// Runs one claimed 免申即享 job: the file is read (PostgreSQL: one cursor in a snapshot; PGlite: keyset
// pages) with each enterprise's certifications, diagnoses and recorded facts, evaluated by the engine and
// dropped; only totals and a bounded list of matches are kept. Progress is written after each batch and
// doubles as the heartbeat. The result is written with the status in one statement, so a run that stops
// before the end leaves nothing behind but its progress, and is run again from the start.
import { isEmbedded, type Db } from '../../db/client.ts';
import { countFileMatch, fileMatchPage, fileMatchWhere, streamFileMatch, type FileMatchPageRow } from '../../db/repositories/file-match-repository.ts';
import { failJob, finishJob, reportProgress, type JobRow } from '../../db/repositories/jobs-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { jobError } from '../jobs/job-view.ts';
import { FileMatchRun, type FileMatchResult } from '../../domain/policy/file-match.ts';
import { regionName, resolveFileMatchParams } from './file-match-params.ts';

export const FILE_MATCH_PAGE = 1000;

export interface RunOptions {
  pageSize?: number;
  /** Checked between pages: true stops the run (the instance is shutting down); the job is left to be claimed again. */
  stopped?: () => boolean;
  onPage?: (done: number, total: number) => void;
}

/** Outcome: 'done' | 'failed' (the job's error says why) | 'lost' (another claim owns it now) | 'stopped'. */
export async function runFileMatchJob(db: Db, job: JobRow, opts: RunOptions = {}): Promise<'done' | 'failed' | 'lost' | 'stopped'> {
  try {
    // Region scope was checked when the job was queued; the stored request is replayed as it was.
    const { params, policy, regionIds } = resolveFileMatchParams(job.params, null);
    const run = new FileMatchRun(policy, { date: params.date, regionName, ...(params.overrides && { overrides: params.overrides }) });
    const where = fileMatchWhere({ regionIds, industry: params.industry, aboveScale: params.aboveScale, chain: params.chain, certification: params.certification });
    const total = await countFileMatch(db, where);
    if (!(await reportProgress(db, job.id, job.attempt, 0, total))) return 'lost';
    const size = opts.pageSize ?? FILE_MATCH_PAGE;
    let done = 0;
    let outcome: 'lost' | 'stopped' | null = null;
    const evaluate = async (page: FileMatchPageRow[]): Promise<boolean> => {
      if (opts.stopped?.()) { outcome = 'stopped'; return false; }
      for (const e of page) {
        run.add({
          id: e.id, uscc: e.uscc, name: e.name, regionId: e.region_id,
          file: { legalForm: e.legal_form as 'independent' | 'branch', certifications: e.certs ?? [], diagnoses: e.diags ?? [] },
          recorded: e.facts ?? [],
        });
      }
      done += page.length;
      // Enterprises filed while the run reads count too: the total grows rather than the bar passing 100%.
      if (!(await reportProgress(db, job.id, job.attempt, done, Math.max(total, done)))) { outcome = 'lost'; return false; }
      opts.onPage?.(done, Math.max(total, done));
      return true;
    };
    if (isEmbedded(db)) {
      // One connection: short keyset pages that other requests interleave with, the next page read
      // while this one is evaluated. A read left pending when the run stops is awaited by nobody.
      const load = (after: string | null) => {
        const loading = fileMatchPage(db, where, after, size, run.year);
        loading.catch(() => {});
        return loading;
      };
      let pending: ReturnType<typeof load> | null = load(null);
      while (pending) {
        const page: FileMatchPageRow[] = await pending;
        if (!page.length) break;
        pending = page.length < size ? null : load(page.at(-1)!.id);
        if (!(await evaluate(page))) break;
      }
    } else {
      await streamFileMatch(db, where, run.year, size, evaluate);
    }
    if (outcome) return outcome;
    const result: FileMatchResult = run.result();
    return (await finishJob(db, job.id, job.attempt, result, done)) ? 'done' : 'lost';
  } catch (e) {
    const error = jobError(e, '匹配中断:服务器内部错误,请稍后重试或联系管理员');
    await failJob(db, job.id, job.attempt, error);
    if (!(e instanceof DomainError)) throw e;
    return 'failed';
  }
}
