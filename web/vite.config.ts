// The web app: React + Ant Design + ECharts, built to web/dist, which the API server serves.
// `npm run dev:web` proxies /api to a server on port 3000 (npm start).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': { target: process.env.ZGSZ_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
