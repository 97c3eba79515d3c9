import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './run-cli.ts';

/** Which workspace package each may import (the README's layout): data flows one way. */
const ALLOWED: Record<string, string[]> = {
  'packages/core': [],
  'packages/tables': ['core'],
  'packages/geo': ['core'],
  'packages/tiles': [],
  'packages/io': ['core', 'tables', 'geo'],
  'packages/cli': ['core', 'tables', 'geo', 'io'],
  'apps/map': ['core', 'tables', 'geo'],
};

/** The workspace packages a folder's sources import (`@cls/x`), tests and fixtures left out. */
function imported(dir: string): Set<string> {
  const found = new Set<string>();
  for (const f of readdirSync(join(root, dir, 'src'), { recursive: true })) {
    const name = String(f);
    if (!name.endsWith('.ts') || /\.(test|fixture)\.ts$/.test(name)) continue;
    const text = readFileSync(join(root, dir, 'src', name), 'utf8');
    for (const m of text.matchAll(/from '@cls\/(\w+)/g)) found.add(m[1]!);
  }
  return found;
}

describe('the package graph', () => {
  for (const [dir, allowed] of Object.entries(ALLOWED))
    it(`${dir} imports only ${allowed.join(', ') || 'nothing of the workspace'}`, () => {
      const extra = [...imported(dir)].filter((p) => !allowed.includes(p) && `packages/${p}` !== dir);
      expect(extra).toEqual([]);
    });

  it('sees the imports it checks (the CLI imports io)', () => {
    expect(imported('packages/cli').has('io')).toBe(true);
  });
});
