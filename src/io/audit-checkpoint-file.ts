// The checkpoint file: one signed line per checkpoint, only ever appended to (see
// src/domain/audit/checkpoint.ts). Lines are short and written with one append each, so instances
// sharing the file do not interleave within a line.
import { appendFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export function appendCheckpointLine(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${line}\n`, { mode: 0o600, flag: 'a' });
}

/** Hands each line to `onLine`, streaming; false when the file does not exist. */
export async function readCheckpointLines(file: string, onLine: (line: string) => void): Promise<boolean> {
  if (!existsSync(file)) return false;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) onLine(line);
  return true;
}
