// The web app: React + Ant Design + ECharts, built to web/dist, which the API server serves.
// `npm run dev:web` proxies /api to a server on port 3000 (npm start).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist');

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip, best) beside every built text file of at
 * least 1 KB, once at build time, so the server sends them as they are (@fastify/static
 * `preCompressed`) instead of compressing on every request or not at all. A variant that would not
 * be smaller is not written; the server then sends the file itself.
 */
function precompress(): Plugin {
  return {
    name: 'zgsz-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      await Promise.all(Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name)).map(async (name) => {
        const file = join(options.dir ?? outDir, name);
        const data = await readFile(file);
        if (data.length < 1024) return;
        const [br, gz] = await Promise.all([
          brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        if (br.length < data.length) await writeFile(`${file}.br`, br);
        if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
      }));
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': { target: process.env.ZGSZ_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
