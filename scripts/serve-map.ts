/**
 * Builds the map app and serves it locally (vite preview), then tells the user the URL.
 * `data/build/` must exist (`pnpm build:data`).
 *
 *   pnpm map   (or as the end of `pnpm start`)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';

const app = join(import.meta.dirname, '../apps/map');
if (!existsSync(join(import.meta.dirname, '../data/build/manifest-32.json'))) {
  console.error('data/build absent : lancez d’abord « pnpm build:data ».');
  process.exit(1);
}
await build({ root: app, configFile: join(app, 'vite.config.ts'), logLevel: 'warn' });
const port = Number(process.env.PORT ?? 4791);
const server = await preview({
  root: app,
  configFile: join(app, 'vite.config.ts'),
  preview: { port, strictPort: false, host: '127.0.0.1' },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\nCarte de la couverture CLS : ${url}\n(Ctrl+C pour arrêter le serveur)`);
