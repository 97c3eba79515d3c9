import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './run-cli.ts';

/**
 * Every path of the repository the READMEs name exists (a renamed module leaves no stale pointer):
 * the paths in backquotes or in links that start with one of the repository's folders. Generated
 * paths (`data/build…`, `dist`, `tests/artifacts`), patterns (`<region>`, `*`, `{z}`) and the files an agency writes
 * (`data/deployment.json`) are left out.
 */
const READMES = [
  'README.md',
  'data/README.md',
  'scripts/bench/README.md',
  'data/geo/PROVENANCE.md',
  'apps/map/README.md',
  'packages/cli/README.md',
  'packages/geo/DESIGN.md',
];
const FOLDERS = /^(packages|apps|data|scripts|tests)\//;
/** Files a deploying agency writes, named by the READMEs but not shipped. */
const USER_FILES = new Set(['data/deployment.json']);

function namedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/`([^`\s]+)`|\]\(([^)\s#]+)\)/g)) {
    const raw = (m[1] ?? m[2])!.replace(/[.,;:]$/, '').replace(/^\.\//, '');
    if (!FOLDERS.test(raw)) continue;
    // Generated: the data build, the compiled CLI and page (`apps/map/dist`), the browser tests' artifacts.
    if (/[<>*{}]|^data\/build\b|\/dist(\/|$)|^tests\/artifacts\b/.test(raw) || USER_FILES.has(raw)) continue;
    found.add(raw.replace(/\/$/, ''));
  }
  return [...found].sort();
}

describe('the READMEs name paths that exist', () => {
  for (const readme of READMES)
    it(readme, () => {
      const text = readFileSync(join(root, readme), 'utf8');
      const paths = namedPaths(text);
      const missing = paths.filter((p) => !existsSync(join(root, p)));
      expect(missing).toEqual([]);
    });

  it('finds the paths it checks (a README that names none would pass anything)', () => {
    expect(namedPaths(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(20);
  });
});
