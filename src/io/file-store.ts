// Where uploaded files live: content-addressed by SHA-256, outside the web root. The store is an
// interface so that an S3-compatible object store can take the local folder's place; the local
// folder (ZGSZ_FILES_DIR, default data/files) is the one shipped.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Stores `data` under its hash; storing the same bytes twice is a no-op. */
  put(sha256: string, data: Buffer): Promise<void>;
  /** The bytes, or null when the store does not hold them. */
  open(sha256: string): Readable | null;
}

const HEX = /^[0-9a-f]{64}$/;

export class LocalFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  private path(sha256: string): string {
    if (!HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, data: Buffer): Promise<void> {
    const target = this.path(sha256);
    if (existsSync(target)) return;
    await mkdir(dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file, and two writers of the same bytes agree.
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
  }

  open(sha256: string): Readable | null {
    const p = this.path(sha256);
    return existsSync(p) ? createReadStream(p) : null;
  }
}
