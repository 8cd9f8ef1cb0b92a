// Reports computed once per data version (issue 11): a score sheet, tracking table, bulletin or
// dashboard aggregate is kept in this process under its key and the versions of the areas it reads
// (report_versions, bumped by triggers in every writing transaction). A request reads the versions
// in one small query and is served the kept result while they match, so every instance behind a
// balancer drops its copy as soon as a write commits anywhere.
//
// Why a result is never stale: the versions are read before the data. A result is kept under the
// versions read first, and its data is at least that new; a write committing in between only makes
// the kept result newer than its key, and the next reader (seeing the newer version) recomputes.
import { type Executor, isTransaction } from '../db/client.ts';
import { readReportVersions, type ReportArea } from '../db/repositories/report-cache-repository.ts';
import { readableRegion } from '../domain/access/index.ts';
import type { Actor } from '../domain/actor.ts';

/** Results kept per database handle; least recently used dropped first. */
export const REPORT_CACHE_ENTRIES = 256;

interface Entry { versionKey: string; value: Promise<unknown> }

class ReportLru {
  readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  get(key: string, versionKey: string): Promise<unknown> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.versionKey !== versionKey) return undefined;
    // Re-inserted so that Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, entry: Entry): void {
    // One entry per report key: an older version's result is replaced, not kept beside it.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > REPORT_CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

// Keyed by the database handle: a process with two databases (tests, a bench beside a server)
// must never answer one with the other's figures, even at equal version numbers.
const caches = new WeakMap<object, ReportLru>();

function cacheOf(db: Executor): ReportLru {
  let lru = caches.get(db);
  if (!lru) caches.set(db, (lru = new ReportLru()));
  return lru;
}

/**
 * The versions a request's own session statement read (one round trip fewer for every report a
 * signed-in request asks for). Kept by the request's actor object, which lives as long as the
 * request, and only for the database handle they were read from: a report read from a replica
 * reads the replica's own versions, never the primary's (its data may be older than they say).
 * They were read before anything else the request reads, so "versions before data" still holds.
 */
const sessionVersions = new WeakMap<Actor, { db: object; versions: Map<string, number> }>();

export function keepSessionVersions(actor: Actor, db: object, versions: Map<string, number>): void {
  sessionVersions.set(actor, { db, versions });
}

/** Called when the request is answered: work that outlives it (a job it started) reads versions afresh. */
export function forgetSessionVersions(actor: Actor): void {
  sessionVersions.delete(actor);
}

/**
 * `compute()` once per (key, versions of `areas`). Inside a transaction it always computes: the
 * transaction may hold writes of its own (a version no other reader will ever see, or one rolled
 * back), and a result of them must not be kept. Concurrent misses share one computation; a failed
 * one is not kept.
 */
export async function cachedReport<T>(db: Executor, areas: readonly ReportArea[], key: string, compute: () => Promise<T>, actor?: Actor): Promise<T> {
  if (isTransaction(db)) return compute();
  const kept = actor && sessionVersions.get(actor);
  const versions = kept && kept.db === db ? kept.versions : await readReportVersions(db);
  const versionKey = areas.map((a) => `${a}:${versions.get(a) ?? 'none'}`).join(',');
  const lru = cacheOf(db);
  const hit = lru.get(key, versionKey);
  if (hit) {
    lru.hits++;
    return hit as Promise<T>;
  }
  lru.misses++;
  const value = compute();
  const entry: Entry = { versionKey, value };
  lru.set(key, entry);
  value.catch(() => {
    if (lru.entries.get(key) === entry) lru.entries.delete(key);
  });
  return value;
}

/** The part of a key that says whose view it is: 'city' for city-wide readers, else the one region. */
export function regionScopeKey(actor: Actor): string {
  return readableRegion(actor) ?? 'city';
}

/** Hits and misses of this database handle's cache (bench and tests). */
export function reportCacheStats(db: Executor): { hits: number; misses: number; entries: number } {
  const lru = cacheOf(db);
  return { hits: lru.hits, misses: lru.misses, entries: lru.entries.size };
}
