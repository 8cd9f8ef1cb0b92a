// An evenly paced open-loop HTTP client for latency under load (issue 11 item 8). Request i is
// due at start + i / rate whatever the earlier ones are doing, and its latency runs from that due
// time to the end of its answer: time spent waiting for a free connection, in the server's queue
// or behind a slow answer counts (a client that waits for answers before sending more, or sends
// each second's budget in one burst, hides exactly that). Every sample is one real response.
import { Agent, request } from 'node:http';

export interface PacedOptions {
  /** http://host:port */
  base: string;
  /** Requests per second, spread evenly. */
  rate: number;
  seconds: number;
  /** The path of request i. */
  path: (i: number) => string;
  headers?: Record<string, string>;
  /** Sent at the same rate first and not counted: the server's JIT and caches warm up. */
  warmupSeconds?: number;
  /** Open connections at most (more requests wait for one, and that wait counts). */
  connections?: number;
  /** A request not answered within this is an error. */
  timeoutMs?: number;
  /** The kind of request i (e.g. 'search'): each kind's p50/p99 are reported too. */
  kind?: (i: number) => string;
}

export interface PacedResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  /** Non-2xx answers, connection errors and timeouts. */
  errors: number;
  /** Answers (2xx) per second over the measured window. */
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** How late the client itself sent its latest request (ms): large means the client, not the server, fell behind. */
  maxSendLag: number;
  statuses: Record<string, number>;
  /** Per request kind: answers, p50 and p99 (ms). */
  kinds: { kind: string; n: number; p50: number; p99: number }[];
  /** Per second of due time (from the end of the warm-up): the median latency of the requests due in it (ms). */
  timeline: number[];
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runPaced(o: PacedOptions): Promise<PacedResult> {
  const url = new URL(o.base);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections ?? 64 });
  const timeoutMs = o.timeoutMs ?? 10_000;
  const warmup = Math.round((o.warmupSeconds ?? 0) * o.rate);
  const total = warmup + Math.round(o.seconds * o.rate);
  const latencies = new Float64Array(total - warmup);
  const dueSeconds = new Uint16Array(total - warmup);
  const byKind = new Map<string, number[]>();
  const statuses: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let recorded = 0;
  let settled = 0;
  let maxSendLag = 0;
  let lastEnd = 0;

  const start = performance.now() + 5;
  const measuredFrom = start + (warmup / o.rate) * 1000;
  await new Promise<void>((resolve) => {
    const finish = (i: number, due: number, status: string) => {
      const end = performance.now();
      if (i >= warmup) {
        dueSeconds[recorded] = Math.floor((due - measuredFrom) / 1000);
        latencies[recorded++] = end - due;
        if (o.kind) {
          const k = o.kind(i);
          if (!byKind.has(k)) byKind.set(k, []);
          byKind.get(k)!.push(end - due);
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status.startsWith('2')) ok++;
        else errors++;
        lastEnd = Math.max(lastEnd, end);
      }
      if (++settled === total) resolve();
    };
    const send = (i: number, due: number) => {
      let done = false;
      const once = (status: string) => { if (!done) { done = true; finish(i, due, status); } };
      const req = request({ host: url.hostname, port: url.port, path: o.path(i), method: 'GET', agent, headers: o.headers, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => once(String(res.statusCode)));
        res.on('error', () => once('error'));
      });
      req.on('timeout', () => { req.destroy(); once('timeout'); });
      req.on('error', (e: NodeJS.ErrnoException) => once(e.code ?? 'error'));
      req.end();
    };
    let next = 0;
    // A 1 ms tick sends every request that has fallen due; each keeps its own due time, so a late
    // tick delays the send but not the clock its latency is measured from.
    const tick = () => {
      const now = performance.now();
      while (next < total) {
        const due = start + (next / o.rate) * 1000;
        if (due > now) break;
        maxSendLag = Math.max(maxSendLag, now - due);
        send(next, due);
        next++;
      }
      if (next < total) setTimeout(tick, Math.max(0, Math.min(1, start + (next / o.rate) * 1000 - performance.now())));
    };
    setTimeout(tick, 5);
  });
  agent.destroy();
  const bySecond: number[][] = [];
  for (let k = 0; k < recorded; k++) (bySecond[dueSeconds[k]!] ??= []).push(latencies[k]!);
  const timeline = Array.from(bySecond, (v) => (v ? percentile(Float64Array.from(v).sort(), 50) : Number.NaN));
  const sorted = latencies.subarray(0, recorded).sort();
  const window = Math.max(o.seconds * 1000, lastEnd - measuredFrom) / 1000;
  return {
    rate: o.rate, seconds: o.seconds, sent: total - warmup, ok, errors, achievedRate: ok / window,
    p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN,
    maxSendLag, statuses, timeline,
    kinds: [...byKind].map(([kind, v]) => {
      const k = Float64Array.from(v).sort();
      return { kind, n: k.length, p50: percentile(k, 50), p99: percentile(k, 99) };
    }),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Each figure beside its goal and the ratio (figure / goal); a figure without a goal is shown alone. */
export function printPaced(label: string, r: PacedResult, goals: { p99Ms?: number } = {}): void {
  const ratio = (v: number, goal: number) => `${(v / goal).toFixed(2)}×`;
  console.log(`${label}:定速 ${r.rate} 请求/s × ${r.seconds} s,共 ${r.sent} 个 (paced open loop)`);
  console.log(`  实际速率 (achieved)  ${r.achievedRate.toFixed(0).padStart(8)} 请求/s   目标 ${r.rate}   比值 ${ratio(r.achievedRate, r.rate)}`);
  console.log(`  错误 (errors)        ${String(r.errors).padStart(8)}          目标 0${r.errors ? `   ${JSON.stringify(r.statuses)}` : ''}`);
  console.log(`  p50                  ${ms(r.p50).padStart(11)}`);
  console.log(`  p90                  ${ms(r.p90).padStart(11)}`);
  console.log(`  p99                  ${ms(r.p99).padStart(11)}` + (goals.p99Ms ? `       目标 < ${goals.p99Ms} ms   比值 ${ratio(r.p99, goals.p99Ms)}   ${r.p99 < goals.p99Ms ? '达标 (met)' : '未达标 (NOT met)'}` : ''));
  console.log(`  最大 (max)           ${ms(r.max).padStart(11)}`);
  for (const k of r.kinds) console.log(`    ${k.kind.padEnd(28)} ${String(k.n).padStart(6)} 个  p50 ${ms(k.p50).padStart(10)}  p99 ${ms(k.p99).padStart(10)}`);
  console.log(`  每秒中位延迟 (p50 by second due) ${r.timeline.map((v) => v.toFixed(0)).join(' / ')} ms`);
  console.log(`  客户端最大发送延迟 (client send lag, max) ${ms(r.maxSendLag)}${r.maxSendLag > 10 ? '(客户端自身落后,延迟含此部分 client fell behind; included above)' : ''}`);
}
