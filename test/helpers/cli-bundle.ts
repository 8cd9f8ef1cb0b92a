// The command line as one esbuild bundle of the same sources, for the test run only. Through tsx
// each `zgsz` process resolved and loaded its ~300 modules one by one via the loader thread (3.7 s
// for `zgsz user list` here, 2.1 s from the bundle), and a test run starts about a hundred. Built
// once per run by the global setup; bin/zgsz.js loads it when ZGSZ_CLI_BUNDLE names it, and
// test/cli.test.ts still runs the command as installed (through tsx) without it.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles src/cli/main.ts into a folder of its own under node_modules (so packages resolve as from the sources); returns the entry file. */
export async function buildCliBundle(): Promise<{ entry: string; remove: () => Promise<void> }> {
  const outdir = join(ROOT, 'node_modules', '.cache', 'zgsz-cli', String(process.pid));
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')], outdir, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    // Packages stay imports; the command groups stay chunks loaded when their command runs (main.ts).
    packages: 'external', splitting: true, outExtension: { '.js': '.mjs' }, logLevel: 'warning',
    plugins: [{
      name: 'source-urls',
      setup(b) {
        // Each source finds its files (migrations, policies, the web build, the workbook worker)
        // relative to its own address: the bundle gives each module the address it has in src/.
        b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    }],
  });
  return { entry: join(outdir, 'main.mjs'), remove: () => rm(outdir, { recursive: true, force: true }) };
}
