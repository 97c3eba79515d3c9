/**
 * Builds the map app and serves it locally (vite preview), then tells the user the URL.
 * `data/build/` must exist (`pnpm build:data`) and match its manifest (checked by the app's vite config).
 *
 *   pnpm map   (or as the end of `pnpm start`)
 */
import { join } from 'node:path';
import { build, preview } from 'vite';

const app = join(import.meta.dirname, '../apps/map');
try {
  await build({ root: app, configFile: join(app, 'vite.config.ts'), configLoader: 'runner', logLevel: 'silent' });
} catch (e) {
  console.error(`Erreur : ${(e as Error).message}`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4791);
const server = await preview({
  root: app,
  configFile: join(app, 'vite.config.ts'),
  configLoader: 'runner',
  preview: { port, strictPort: false, host: '127.0.0.1' },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\nCarte de la couverture CLS : ${url}\n(Ctrl+C pour arrêter le serveur)`);
