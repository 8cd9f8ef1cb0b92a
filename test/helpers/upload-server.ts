// The test application as a server process of its own, for tests that measure it from outside
// (its memory while it refuses a hostile upload). Prints {"port": n} once it listens.
import type { AddressInfo } from 'node:net';
import { startTestApp } from './app.ts';

const t = await startTestApp({ enterprises: 0 });
await t.app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (t.app.server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void t.close().finally(() => process.exit(0));
});
