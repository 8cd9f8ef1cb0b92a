// Vitest global setup: make sure web/dist holds a build of the current web sources before any test
// file starts a server (the server serves web/dist only if it exists when the app is built).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['bin/ensure-web.js'], { cwd: root, stdio: 'inherit' });
}
