#!/usr/bin/env node
// Runs one TypeScript entry file (benchmarks, scripts) under tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bin/run-ts.js FILE.ts [args...]');
  process.exit(2);
}
// The entry becomes argv[1], as if it had been run directly (scripts check that to self-run).
process.argv.splice(1, 2, resolve(entry));
register();
await import(pathToFileURL(resolve(entry)).href);
