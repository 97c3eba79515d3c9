#!/usr/bin/env node
// The `cls` command: runs the compiled CLI (dist/cls.mjs), compiling it first when it is missing or
// older than a source file of the workspace packages (a fresh clone, a pull, an edit).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('..', import.meta.url));
const dist = join(cli, 'dist', 'cls.mjs');
const packages = join(cli, '..');

/** Latest modification time of the TypeScript sources the CLI is built from. */
function sourcesTime() {
  let latest = 0;
  // Every package of the workspace: a package added later is never forgotten.
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    if (!existsSync(src)) continue;
    for (const f of readdirSync(src, { recursive: true })) {
      if (String(f).endsWith('.ts')) latest = Math.max(latest, statSync(join(src, String(f))).mtimeMs);
    }
  }
  return latest;
}

if (!existsSync(dist) || statSync(dist).mtimeMs < sourcesTime()) {
  const { buildCli } = await import('../build.mjs');
  await buildCli();
}
await import(pathToFileURL(dist).href);
