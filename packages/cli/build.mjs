/**
 * Compiles the CLI into one JavaScript file, `dist/cls.mjs` (esbuild: TypeScript stripped, the
 * workspace packages and their dependencies bundled), so that `cls` starts without a TypeScript
 * loader. The file is written under a temporary name then renamed: a concurrent `cls` never reads
 * half of it.
 *
 *   pnpm build:cli
 */
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const DIST = fileURLToPath(new URL('./dist/cls.mjs', import.meta.url));

/** Bundles src/main.ts into dist/cls.mjs. */
export async function buildCli() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./src/main.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: DIST,
    // Bundled CommonJS dependencies may call require(): give the ES module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const tmp = `${DIST}.${process.pid}.tmp`;
  mkdirSync(fileURLToPath(new URL('./dist/', import.meta.url)), { recursive: true });
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, DIST);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
