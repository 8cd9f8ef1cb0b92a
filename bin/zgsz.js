#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx's loader, so `npx zgsz` works right after
// `npm install` with no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
