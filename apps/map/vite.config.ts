import { defineConfig } from 'vite';

/** The map serves `data/build/` (made by `pnpm build:data`) as static assets, next to the built app. */
export default defineConfig({
  base: './',
  publicDir: '../../data/build',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, target: 'es2022' },
  preview: { port: 4791, strictPort: true, host: '127.0.0.1' },
  server: { port: 4790, strictPort: true, host: '127.0.0.1' },
});
