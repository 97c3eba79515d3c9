/**
 * Where a frame of the map goes: the page's own map with one thing changed at a time (names hidden,
 * outlines hidden, the fill's options), each variant's redraw timed beside a bare MapLibre map of the same
 * tiles in the same chromium run, rounds alternated. It answers "what would removing X gain" before X is
 * removed (issue 24's slider-step budget: a step on screen within 1.5× of a bare repaint).
 *
 *   pnpm bench:frame [--rounds 3] [--repeats 5]
 *
 * A "redraw" is the time from a repaint asked for (`triggerRepaint`, nothing changed) to the second
 * animation frame after the frame drawn, once the map has been still for 400 ms: the cost of drawing the
 * style. The bare map is also timed after one change of its fill's colour (the reference of
 * tests/e2e/performance.test.ts), which costs it more than a redraw. A "step" is a slider step (a key press) timed the same way: the redraw plus the feature-state update.
 */
import { openBareMap, type BareWindow } from '../../tests/e2e/bare-map.ts';
import { sliderStepShown, startMap, type MapHarness } from '../../tests/e2e/harness.ts';

/** A browser page (playwright-core is the tests' dependency: its type is reached through the harness). */
type Page = Awaited<ReturnType<MapHarness['browser']['newPage']>>;
import { table } from './harness.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rounds = Number(arg('--rounds') ?? 3);
const repeats = Number(arg('--repeats') ?? 5);

/** One change to the page's style: [layer, 'layout' | 'paint', property, value]. */
type Change = [layer: string | RegExp, kind: 'layout' | 'paint', property: string, value: unknown];
const NAMES = /^noms-/;
const LINES = /-(trait|halo)$|^qpv$|^selection/;
const FILL_ALONE: Change[] = [
  [NAMES, 'layout', 'visibility', 'none'],
  [LINES, 'layout', 'visibility', 'none'],
];
const VARIANTS: Array<{ name: string; changes: Change[] }> = [
  { name: 'la carte de la page, telle quelle', changes: [] },
  {
    name: 'sans l’anticrénelage du remplissage (laisse des trous blancs)',
    changes: [['communes-fond', 'paint', 'fill-antialias', false]],
  },
  { name: 'sans les noms', changes: [[NAMES, 'layout', 'visibility', 'none']] },
  { name: 'sans le trait des EPCI', changes: [['epci-trait', 'layout', 'visibility', 'none']] },
  { name: 'sans le trait des départements', changes: [['departements-trait', 'layout', 'visibility', 'none']] },
  { name: 'sans les traits PRAPS et QPV', changes: [[/^(prioritaires|qpv)/, 'layout', 'visibility', 'none']] },
  { name: 'remplissage seul (ni noms ni traits)', changes: FILL_ALONE },
  {
    name: 'remplissage seul, opacité constante',
    changes: [...FILL_ALONE, ['communes-fond', 'paint', 'fill-opacity', 1]],
  },
  {
    name: 'remplissage seul, couleur constante',
    changes: [
      ...FILL_ALONE,
      ['communes-fond', 'paint', 'fill-color', '#ececec'],
      ['communes-fond', 'paint', 'fill-opacity', 1],
    ],
  },
];

/** Applies changes to the page's map; returns the changes that undo them. */
async function apply(page: Page, changes: Change[]): Promise<Change[]> {
  const plain = changes.map(([l, k, p, v]) => [l instanceof RegExp ? l.source : l, l instanceof RegExp, k, p, v]);
  const undo = await page.evaluate((cs) => {
    // Properties named at run time: MapLibre's typed setters want literal names.
    const map = window.__cls.map! as unknown as {
      getStyle(): { layers: Array<{ id: string }> };
      getLayoutProperty(id: string, p: string): unknown;
      setLayoutProperty(id: string, p: string, v: unknown): void;
      getPaintProperty(id: string, p: string): unknown;
      setPaintProperty(id: string, p: string, v: unknown): void;
    };
    const back: Array<[string, boolean, string, string, unknown]> = [];
    for (const [l, isPattern, kind, prop, value] of cs as Array<[string, boolean, string, string, unknown]>) {
      const layers = map
        .getStyle()
        .layers.map((x) => x.id)
        .filter((id) => (isPattern ? new RegExp(l).test(id) : id === l));
      for (const id of layers) {
        if (kind === 'layout') {
          back.push([id, false, kind, prop, map.getLayoutProperty(id, prop) ?? 'visible']);
          map.setLayoutProperty(id, prop, value);
        } else {
          back.push([id, false, kind, prop, map.getPaintProperty(id, prop) ?? null]);
          map.setPaintProperty(id, prop, value);
        }
      }
    }
    return back.reverse();
  }, plain);
  return (undo as Array<[string, boolean, string, string, unknown]>).map(
    ([l, , k, p, v]): Change => [l, k as 'layout' | 'paint', p, v],
  );
}

/** Waits until the map is still, then 400 ms more (no paint animation or placement fade under way). */
const still = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        const map = window.__cls?.map ?? (window as unknown as BareWindow).__bare.map;
        // (No named inner function: tsx would wrap it in a helper the page does not have.)
        if (map.loaded() && !map.isMoving()) setTimeout(done, 400);
        else map.once('idle', () => setTimeout(done, 400));
      }),
  );

/** One redraw, nothing changed: from the request to the second animation frame after the frame drawn. */
const redraw = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        const map = window.__cls?.map ?? (window as unknown as BareWindow).__bare.map;
        const t0 = performance.now();
        map.once('render', () =>
          requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0))),
        );
        map.triggerRepaint();
      }),
  );

const harness = await startMap(4794);
const redraws = new Map<string, number[]>();
const steps = new Map<string, number[]>();
const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
const BARE = 'carte nue : fond + un remplissage constant (référence)';
const BARE_PAINT = 'carte nue, après un changement de couleur (référence du test)';
try {
  const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${harness.base}?date=2024-02-29`);
  await page.waitForFunction(() => window.__cls?.ready === true && window.__cls.namesMs !== null, null, {
    timeout: 60_000,
  });
  const view = await page.evaluate(() => window.__cls.view());
  const box = (await page.locator('#carte').boundingBox())!;
  // The bare map: the test's reference (tests/e2e/performance.test.ts), same tiles, view and canvas size.
  const bare = await openBareMap(harness.browser, harness.base, {
    size: [Math.round(box.width), Math.round(box.height)],
    view,
    communes: 'tiles/32/communes-2024',
  });

  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < repeats; i++) {
      await still(bare);
      push(redraws, BARE, await redraw(bare));
      await still(bare);
      // The test's reference: one paint change (the fill's colour), timed the same way.
      const t = await bare.evaluate(
        async (c) => {
          const b = (window as unknown as BareWindow).__bare;
          await b.repaint(c);
          return b.repaints.at(-1)!;
        },
        i % 2 ? '#ececec' : '#0072b2',
      );
      push(redraws, BARE_PAINT, t);
    }
    for (const v of VARIANTS) {
      const undo = await apply(page, v.changes);
      for (let i = 0; i < repeats; i++) {
        await still(page);
        push(redraws, v.name, await redraw(page));
        await still(page);
        push(steps, v.name, await sliderStepShown(page, i % 2 ? 'ArrowLeft' : 'ArrowRight'));
      }
      await apply(page, undo);
    }
    console.log(`tour ${r + 1}/${rounds} fait`);
  }
} finally {
  await harness.stop();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ref = median(redraws.get(BARE)!);
console.log(`\n${rounds} tours alternés de ${repeats} mesures ; médianes, même chromium (WebGL logiciel)\n`);
console.log(
  table(
    ['carte', 'redessin (ms)', 'rapport à la carte nue', 'pas du curseur (ms)', 'rapport à la carte nue'],
    [...redraws].map(([name, xs]) => {
      const s = steps.get(name);
      return [
        name,
        median(xs).toFixed(0),
        `${(median(xs) / ref).toFixed(2)}×`,
        s ? median(s).toFixed(0) : '—',
        s ? `${(median(s) / ref).toFixed(2)}×` : '—',
      ];
    }),
  ),
);
