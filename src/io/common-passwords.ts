// The common-password list (ASVS 2.1.7): every .txt file in wordlists/, one password a line, read
// once on first use and kept normalised the way the domain compares (see password-rules.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeForList } from '../domain/auth/password-rules.ts';

export function defaultWordlistsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../wordlists');
}

let cached: ReadonlySet<string> | undefined;

export function commonPasswords(dir = defaultWordlistsDir()): ReadonlySet<string> {
  if (cached && dir === defaultWordlistsDir()) return cached;
  const set = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/)) {
      if (line) set.add(normalizeForList(line));
    }
  }
  if (dir === defaultWordlistsDir()) cached = set;
  return set;
}
