import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '../..');
const app = join(root, 'apps/map');
const CHROMIUM = '/usr/bin/chromium';

/** The built map app served by `vite preview` in its own process, and a headless Debian chromium. */
export interface MapHarness {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Builds the map app, serves it on `port` (as `pnpm start` does) and launches chromium with the
 * project's flags. The browser test files run one after the other (vitest.config.ts): one build at a time.
 */
export async function startMap(port: number): Promise<MapHarness> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} absent : installez Debian chromium (apt-get install -y chromium) ; .ci/run le fait`);
  // Built once for the browser test files (they run one after the other): again only when a source
  // of the page, of a package it imports, or the data build is newer than the built page.
  if (builtPageTime() < sourcesTime())
    await build({ root: app, logLevel: 'warn', configFile: join(app, 'vite.config.ts'), configLoader: 'runner' });
  const base = `http://127.0.0.1:${port}/`;
  const server: ChildProcess = spawn(
    join(app, 'node_modules/.bin/vite'),
    ['preview', '--configLoader', 'runner', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: app, stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 150 || server.exitCode !== null) throw new Error(`vite preview n'a pas démarré sur ${base}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    base,
    browser,
    stop: async () => {
      await browser.close();
      server.kill();
    },
  };
}

/** When the built page was written (0: not built). */
function builtPageTime(): number {
  const page = join(app, 'dist/index.html');
  return existsSync(page) ? statSync(page).mtimeMs : 0;
}

/** The latest change of what the built page is made of: its sources, the packages' and the data build. */
function sourcesTime(): number {
  let latest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir, { recursive: true }))
      latest = Math.max(latest, statSync(join(dir, String(f))).mtimeMs);
  };
  walk(join(app, 'src'));
  for (const pkg of readdirSync(join(root, 'packages'))) walk(join(root, 'packages', pkg, 'src'));
  for (const f of ['index.html', 'vite.config.ts']) latest = Math.max(latest, statSync(join(app, f)).mtimeMs);
  // Every build writes deployment.json last: a new data build is a new page.
  const deployment = join(root, 'data/build/deployment.json');
  if (existsSync(deployment)) latest = Math.max(latest, statSync(deployment).mtimeMs);
  return latest;
}

/**
 * Opens a page and waits until the map is ready (or says an error), collecting console errors;
 * `watch` hears the page before it loads (requests, responses).
 */
export async function openMap(
  browser: Browser,
  url: string,
  errors: string[] = [],
  viewport = { width: 1280, height: 900 },
  watch?: (page: Page) => void,
): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  watch?.(page);
  await page.goto(url);
  await page.waitForFunction(() => window.__cls?.ready === true || (window.__cls?.errors.length ?? 0) > 0, null, {
    timeout: 60_000,
  });
  const failed = await page.evaluate(() => window.__cls.errors);
  if (failed.length) throw new Error(`la carte n'a pas démarré : ${failed.join(' ; ')}`);
  return page;
}

/** Serious and critical axe-core violations of the page, as « rule: target » lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  await page.addScriptTag({ content: readFileSync(join(root, 'tests/node_modules/axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * One slider step until it is on screen: from the key pressed on the slider (its `keydown`, capture phase) to the
 * second animation frame after the frame that drew the step (the page pushes a step's own time to
 * `window.__cls.steps` on the map's 'render' that drew it, page.ts). Shared by the browser test and bench:frame.
 */
export async function sliderStepShown(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __shown: number | null };
    w.__shown = null;
    document.addEventListener('keydown', () => (w.__t0 = performance.now()), { capture: true, once: true });
    const steps = window.__cls.steps as number[] & { push: (...xs: number[]) => number };
    steps.push = (...xs: number[]) => {
      requestAnimationFrame(() => requestAnimationFrame(() => (w.__shown = performance.now() - w.__t0)));
      // Back to the array's own push: one step timed per call.
      delete (steps as { push?: unknown }).push;
      return steps.push(...xs);
    };
  });
  await page.focus('#curseur-date');
  await page.keyboard.press(key);
  await page.waitForFunction(() => (window as unknown as { __shown: number | null }).__shown !== null);
  return page.evaluate(() => (window as unknown as { __shown: number }).__shown);
}
