// A throwaway PostgreSQL database for a bench run, on BENCH_DATABASE_URL or DATABASE_URL's server
// (or the local one); null when no server answers, so the bench can skip its PostgreSQL part.
import pg from 'pg';

export async function scratchPostgres(label: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zgsz_${label}_bench_${process.pid}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); await c.query(q); await c.end(); };
  try {
    await admin(`create database ${name}`);
  } catch {
    return null;
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
