#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx's loader, so `npx zgsz` works right after
// `npm install` with no separate build step. ZGSZ_CLI_BUNDLE names an esbuild bundle of the same
// sources instead (the test run builds one: test/helpers/cli-bundle.ts), which starts in about
// half the time.
import { pathToFileURL } from 'node:url';

if (process.env.ZGSZ_CLI_BUNDLE) {
  await import(pathToFileURL(process.env.ZGSZ_CLI_BUNDLE).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
