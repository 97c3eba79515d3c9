import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  classCounts,
  contractCount,
  CHANGE_CLASSES,
  coverageChange,
  coverageFigures,
  approachesFor,
  createCoverageEngine,
  statusCounts,
  timeline,
  today,
} from '@cls/core';
import { loadModel } from '@cls/io';
import {
  artifacts,
  browserSuite,
  moveSlider,
  priorityAt as priorityIn,
  regionPixelsUnder,
  rendered,
  statusPixels,
  urlParam,
} from './page-helpers.ts';

/** Browser tests of the map: colours, names, views, slider, search, chart, tooltip (split from the one map.test.ts by feature; same assertions). */
const PORT = 4791;
const suite = browserSuite(PORT);
const { base: BASE, consoleErrors, perf, open } = suite;
const { model } = await loadModel();
const engine = createCoverageEngine(model);
const priorityAt = (date: string) => priorityIn(engine, model, date);

describe('the map draws the coverage', () => {
  it('draws every status in its colour (2019-07-20: CLS, charte, expired, none)', async () => {
    const { page, gzBytes, requests } = await open(`${BASE}?date=2019-07-20`);
    perf.initialLoadGzipBytes = gzBytes;
    perf.initialRequests = requests;
    // The colours under the place names: the legend's "Noms de lieux" box hides them (Soissons' name
    // covered most of its commune, the only expired one at that date).
    await page.uncheck('#afficher-noms');
    await page.waitForFunction(() => window.__cls.rendered('noms-villes').length === 0);
    const px = await statusPixels(page);
    await page.screenshot({ path: join(artifacts, 'carte-2019-07-20.png') });
    expect(px.cls).toBeGreaterThan(200);
    expect(px.charte).toBeGreaterThan(200);
    expect(px.expired).toBeGreaterThan(20);
    expect(px.none).toBeGreaterThan(10_000);
    // The legend counts the communes of each status as the engine does.
    const counts = statusCounts(coverageFigures(engine.coverageAt('2019-07-20'), engine));
    for (const k of ['cls', 'charte', 'expired', 'none'] as const)
      expect(await page.locator(`#legende [data-status=${k}]`).getAttribute('data-count')).toBe(
        String(counts[k].count),
      );
    // The whole region is in view: every PRAPS in force is outlined; no QPV is in force before 2024.
    const expected = priorityAt('2019-07-20');
    expect(expected.praps).toHaveLength(2);
    expect(await rendered(page, 'prioritaires-trait')).toEqual(expected.praps);
    expect(await rendered(page, 'qpv')).toEqual(expected.qpv);
    expect((await rendered(page, 'communes-fond')).length).toBeGreaterThan(3700);
    // Nothing of the region hides behind the legend or the timeline bar (bug: the legend covered Lille and Lens).
    expect(await regionPixelsUnder(page, '#legende')).toBe(0);
    expect(await regionPixelsUnder(page, '#bloc-date')).toBe(0);
    await page.close();
  });

  it('names places offline: departments and towns at region zoom, every commune closer', async () => {
    const { page, foreign } = await open(BASE);
    // Rendered symbols, not only tile features: a missing glyph range would leave these lists empty. Symbol
    // placement spreads over frames (bug: read once 10 towns were placed, Amiens was not yet, once in CI).
    const main = ['59350', '80021', '62193', '02691', '60057'];
    // The names are added after the first draw: wait for them to be drawn before reading them (a busy CI
    // machine once read the department names before their layer had placed anything).
    await page.waitForFunction(() => window.__cls.namesMs !== null, null, { timeout: 60_000 });
    await expect
      .poll(() => rendered(page, 'noms-departements'), { timeout: 20_000 })
      .toEqual(['02', '59', '60', '62', '80']);
    await page
      .waitForFunction((codes) => codes.every((c) => window.__cls.rendered('noms-villes').includes(c)), main, {
        timeout: 20_000,
      })
      .catch(() => undefined);
    expect(await rendered(page, 'noms-departements')).toEqual(['02', '59', '60', '62', '80']);
    const towns = await rendered(page, 'noms-villes');
    for (const code of main) expect(towns).toContain(code);
    await page.goto(`${BASE}?sel=62498`);
    // Symbol placement spreads over frames (more of them on a busy machine): wait for it to settle on Lens.
    await page.waitForFunction(() =>
      ['62498', '62510'].every((c) => window.__cls.rendered('noms-communes').includes(c)),
    );
    const communes = await rendered(page, 'noms-communes');
    expect(communes.length).toBeGreaterThan(20);
    expect(communes).toContain('62498');
    expect(communes).toContain('62510');
    expect(await rendered(page, 'noms-villes')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'carte-noms-lens.png') });
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('compares two dates: what changed since 2019-06-30, counted as the engine counts, kept in the link', async () => {
    const { page } = await open(BASE);
    // Typed as a French user types it (the field once read digits by the browser's locale).
    await page.locator('#date-comparaison').fill('30/06/2019');
    await page.press('#date-comparaison', 'Enter');
    await page.waitForSelector('#resume-comparaison:not([hidden])');
    await expect.poll(() => urlParam(page, 'depuis')).toBe('2019-06-30');
    const now = engine.coverageAt(today());
    const change = coverageChange(engine.coverageAt('2019-06-30', { cog: now.cog }), now);
    expect(change.counts.gained.count).toBeGreaterThan(500);
    for (const k of ['gained', 'lost', 'kept', 'never'] as const) {
      expect(await page.locator(`#legende [data-status=${k}]`).getAttribute('data-count')).toBe(
        String(change.counts[k].count),
      );
      expect(await page.locator('#resume-comparaison').getAttribute(`data-${k}`)).toBe(String(change.counts[k].count));
    }
    // Lens: first covered in 2019-07 or later (the CA de Lens-Liévin CLS), so newly covered; Lille at both dates.
    const classOf = (code: string) =>
      CHANGE_CLASSES[change.classes[now.reference.communes.findIndex((c) => c.code === code)]!];
    expect(classOf('62498')).toBe('gained');
    expect(await page.evaluate(() => window.__cls.featureStatus('communes', '62498'))).toBe('gained');
    expect(await page.evaluate(() => window.__cls.featureStatus('communes', '59350'))).toBe(classOf('59350'));
    expect(await page.locator('#resume-comparaison').textContent()).toMatch(
      /^Du 30\/06\/2019 au \d\d\/\d\d\/\d{4} : \d+ communes nouvellement couvertes/,
    );
    await page.screenshot({ path: join(artifacts, 'carte-evolution-2019.png') });
    // The permalink restores the comparison; "Arrêter" ends it and the statuses come back.
    await page.goto(`${BASE}?date=2024-06-30&depuis=2019-06-30`);
    await page.waitForFunction(() => window.__cls?.ready === true);
    expect(await page.locator('#date-comparaison').inputValue()).toBe('30/06/2019');
    await page.click('#arreter-comparaison');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('depuis'));
    expect(await page.evaluate(() => window.__cls.featureStatus('communes', '62498'))).toBe('cls');
    await page.close();
  });

  it('the priority-territories table gives each territory its state, covered population and the EPCI to approach', async () => {
    const date = '2024-06-30';
    const coverage = engine.coverageAt(date);
    const details = coverageFigures(coverage, engine).priority.details;
    const { page } = await open(`${BASE}?date=${date}&onglet=prioritaires`);
    await page.waitForSelector('#tableau-prioritaires tbody tr');
    const rows = page.locator('#tableau-prioritaires tbody tr');
    expect(await rows.count()).toBe(details.length);
    for (const d of details.filter((x) => x.kind === 'praps')) {
      const row = page.locator(`#tableau-prioritaires tr[data-id="${d.id}"]`);
      expect(await row.getAttribute('data-etat')).toBe(d.state);
      const cells = await row.locator('td').allTextContents();
      expect(cells[4]!.replace(/\s/g, '')).toBe(`${d.populationCovered}/${d.population}`);
      const first = approachesFor(engine, coverage, model.priority.find((t) => t.id === d.id)!)[0];
      if (first) expect(cells[5]).toContain(first.name);
    }
    await page.selectOption('#prioritaires-type', 'praps');
    expect(await rows.count()).toBe(details.filter((x) => x.kind === 'praps').length);
    await page.close();
  });

  it('moving the slider to 2019-06-30 shows the engine figures for that date', async () => {
    const { page } = await open(BASE);
    const f = coverageFigures(engine.coverageAt('2019-06-30'), engine);
    const before = await page.locator('[data-fig=population]').getAttribute('data-value');
    // The first draw is timed as a step too: the slider's steps are those after it.
    const drawn = await page.evaluate(() => window.__cls.steps.length);
    await moveSlider(page, '2019-06-30');
    const value = (k: string) => page.locator(`[data-fig=${k}]`).getAttribute('data-value').then(Number);
    expect(await value('cls')).toBe(contractCount(f));
    expect(await value('chartes')).toBe(f.documents.charte);
    expect(await value('communes')).toBe(f.covered.communes);
    expect(await value('population')).toBe(f.covered.population);
    expect(await value('praps')).toBe(f.priority.praps.covered);
    expect(await value('qpv')).toBe(f.priority.qpv.covered);
    expect(await value('prioritaire')).toBe(f.priority.populationCovered);
    expect(await value('ecart')).toBe(f.priority.gap);
    expect(Number(before)).not.toBe(f.covered.population);
    // Slider step timings: a few steps through 2019-2020.
    const dates = ['2019-06-30', '2019-07-31', '2019-09-30', '2019-12-31', '2020-06-30', '2024-06-30', '2024-07-31'];
    for (const d of dates.slice(1)) await moveSlider(page, d);
    const steps = (await page.evaluate(() => window.__cls.steps)).slice(drawn);
    expect(steps).toHaveLength(dates.length);
    // To 2019-06-30 and to 2024-06-30 the geometry year changes (new tiles).
    perf.sliderStepMs = Object.fromEntries(dates.map((d, i) => [`→ ${d}`, Math.round(steps[i]!)]));
    // 2024: the COG and the geometry year changed (new tiles); the QPV 2024 are in force.
    const expected = priorityAt('2024-07-31');
    expect(expected.qpv.length).toBeGreaterThan(100);
    await page.waitForFunction((n) => window.__cls.rendered('qpv').length === n, expected.qpv.length);
    expect(await rendered(page, 'qpv')).toEqual(expected.qpv);
    expect(await rendered(page, 'prioritaires-trait')).toEqual(expected.praps);
    await page.screenshot({ path: join(artifacts, 'carte-curseur.png') });
    await page.close();
  });

  it('search selects Lens with the keyboard and the panel lists its documents', async () => {
    const { page } = await open(BASE);
    await page.locator('#recherche').fill('Lens');
    await page.waitForSelector('#resultats li[data-code="62498"]');
    while ((await page.locator('#resultats li[aria-selected=true]').getAttribute('data-code')) !== '62498')
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#detail-nom')?.textContent === 'Lens (62498)');
    const detail = await page.locator('#bloc-detail').textContent();
    expect(detail).toContain('CA de Lens - Liévin');
    expect(detail).toContain('Renouvellement – CA de Lens-Liévin – signé le 14/01/2025');
    const links = await page
      .locator('#bloc-detail a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.startsWith('https://'))).toBe(true);
    await expect.poll(() => urlParam(page, 'sel')).toBe('62498');
    // The map zoomed on Lens (bbox from the tile index, no polygon loaded) and outlines it.
    const [w, so, e, n] = await page.evaluate(() => window.__cls.view());
    expect(w < 2.83 && e > 2.83 && so < 50.43 && n > 50.43 && e - w < 0.5).toBe(true);
    await page.waitForFunction(() => window.__cls.rendered('selection').length > 0);
    expect(await rendered(page, 'selection')).toEqual(['62498']);
    await page.screenshot({ path: join(artifacts, 'carte-lens.png') });
    // The detail card: next to the map, inside the viewport, focused, and Lens not hidden behind it.
    const card = (await page.locator('#fiche-detail').boundingBox())!;
    const map = (await page.locator('#carte').boundingBox())!;
    expect(card.x >= map.x && card.y >= map.y && card.y + card.height <= 900).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-nom');
    const [lx] = await page.evaluate(() => window.__cls.project(2.8313, 50.4328));
    expect(map.x + lx).toBeGreaterThan(card.x + card.width);
    await page.click('#fermer-detail');
    await page.waitForSelector('#fiche-detail', { state: 'hidden' });
    await expect.poll(() => urlParam(page, 'sel')).toBeNull();
    // On a phone: a bottom sheet within the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}?sel=62498`);
    await page.waitForFunction(() => window.__cls?.ready === true);
    const sheet = (await page.locator('#fiche-detail').boundingBox())!;
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(844 + 1);
    expect(sheet.width).toBeGreaterThan(380);
    expect(await page.locator('#detail-nom').textContent()).toBe('Lens (62498)');
    await page.screenshot({ path: join(artifacts, 'telephone-fiche-lens.png') });
    // A link's first draw does not steal the focus; Échap in the card closes it.
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('detail-nom');
    await page.locator('#detail-nom').focus();
    await page.keyboard.press('Escape');
    await page.waitForSelector('#fiche-detail', { state: 'hidden' });
    await page.close();
  });

  it('the chart says the values under the pointer, a click sets the date, and its values are a table too', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    await page.waitForSelector('#bloc-graphique svg[data-axis]');
    await page.locator('#bloc-graphique svg').scrollIntoViewIfNeeded();
    const point = (date: string) =>
      page.evaluate((d) => {
        const svg = document.querySelector<SVGSVGElement>('#bloc-graphique svg')!;
        const [left, right, t0, t1, width] = svg.getAttribute('data-axis')!.split(',').map(Number);
        const box = svg.getBoundingClientRect();
        const u = left! + ((Date.parse(d) - t0!) / (t1! - t0!)) * (right! - left!);
        return [box.left + (u / width!) * box.width, box.top + box.height / 2];
      }, date);
    const [x, y] = await point('2019-06-30');
    await page.mouse.move(x!, y!);
    await page.waitForSelector('#graph-infobulle:not([hidden])');
    const f = coverageFigures(engine.coverageAt('2019-06-30'), engine);
    expect(await page.locator('#graph-infobulle').getAttribute('data-date')).toBe('2019-06-30');
    const shown = await page.locator('[role=tooltip]#graph-infobulle').textContent();
    expect(shown).toContain('30/06/2019');
    expect(shown).toContain(
      `Population de la région couverte : ${(Math.round(f.covered.populationShare * 1000) / 10).toLocaleString('fr-FR', { minimumFractionDigits: 1 })}`,
    );
    await page.mouse.click(x!, y!);
    await page.waitForFunction(() => document.querySelector('#date-courante')?.textContent === 'Au 30/06/2019');
    // The data-table twin: one row a month, the same values.
    const rows = page.locator('#graphique-tableau tbody tr');
    expect(await rows.count()).toBe(timeline(engine, { to: today() }).filter((p) => p.kind !== 'signature').length);
    expect(await page.locator('#graphique-tableau tr[data-date="2019-06-30"] td').nth(1).textContent()).toBe(
      shown!.match(/Population de la région couverte : ([^P]+)/)![1]!.trim(),
    );
    await page.close();
  });

  it('tiles that fail are said over the map with Réessayer; the figures stay', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.route('**/tiles/*/communes-*/**', (r) => r.abort());
    await page.goto(`${BASE}?date=2024-06-30`);
    await page.waitForSelector('#carte-incomplete:not([hidden])', { timeout: 60_000 });
    const box = page.locator('#carte-incomplete');
    expect(await box.getAttribute('role')).toBe('alert');
    expect(await box.textContent()).toContain('Carte incomplète');
    expect(await box.locator('button').textContent()).toBe('Réessayer');
    expect(await page.locator('#phrase').textContent()).toMatch(/^Au 30\/06\/2024/);
    // Once the tiles can be read again, Réessayer brings them.
    await page.unroute('**/tiles/*/communes-*/**');
    await box.locator('button').click();
    await page.waitForFunction(() => window.__cls.rendered('communes-fond').length > 100, null, { timeout: 60_000 });
    await page.close();
  });

  it('EPCI view: classed by communes covered (bug: the MEL showed "Aucun document" although Lille has a CLS)', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30&vue=epci`);
    const f = coverageFigures(engine.coverageAt('2024-06-30'), engine);
    const mel = f.byEpci.find((e) => e.code === '200093201')!;
    expect(mel.coveredCommunes).toBeGreaterThan(0);
    expect(mel.coveredCommunes).toBeLessThan(mel.communes);
    const status = (siren: string) => page.evaluate((s) => window.__cls.featureStatus('epci', s), siren);
    expect(await status('200093201')).toBe('partial');
    // The table's tab says what it shows in this view; the skip links reach the map and the dates; Play has one state.
    expect(await page.locator('#onglet-tableau').textContent()).toBe('Tableau par EPCI');
    expect(await page.locator('a.skip').evaluateAll((a) => a.map((x) => x.getAttribute('href')))).toEqual([
      '#panneau',
      '#zone-carte',
      '#bloc-date',
    ]);
    expect(await page.locator('#lecture').getAttribute('aria-pressed')).toBeNull();
    // The EPCI table: by name, with its totals; a row's name selects the EPCI and frames it on the map.
    await page.click('#onglet-tableau');
    const names = await page.locator('#tableau tbody tr td:nth-child(2)').allTextContents();
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    const coveredSum = f.byEpci.reduce((t, e) => t + e.coveredPopulation, 0);
    expect(await page.locator('#tableau-total td').nth(1).textContent()).toBe(coveredSum.toLocaleString('fr-FR'));
    const [w0, , e0] = await page.evaluate(() => window.__cls.view());
    await page.click('#tableau button[data-code="200093201"]');
    await page.waitForFunction(() =>
      document.querySelector('#detail-nom')?.textContent?.includes('Métropole Européenne de Lille'),
    );
    await expect.poll(() => urlParam(page, 'sel')).toBe('200093201');
    // Framed: zoomed in from the region, Lille (3.06° E, 50.63° N) in view.
    const width = async () => {
      const [w, , e] = await page.evaluate(() => window.__cls.view());
      return e - w;
    };
    await expect.poll(width).toBeLessThan((e0 - w0) / 2);
    const [w, s, e, n] = await page.evaluate(() => window.__cls.view());
    expect(w < 3.06 && e > 3.06 && s < 50.63 && n > 50.63).toBe(true);
    // The legend's class highlights its rows.
    await page.click('#legende [data-status=partial]');
    await expect
      .poll(() => page.locator('#tableau tr.surligne').count())
      .toBe(f.byEpci.filter((x) => x.coveredCommunes > 0 && x.coveredCommunes < x.communes).length);
    expect(await page.locator('#tableau tr.surligne[data-code="200093201"]').count()).toBe(1);
    await page.click('#legende [data-status=partial]');
    // Sorted by share, largest first.
    await page.click('#tableau [data-tri=share]');
    const shares = await page.locator('#tableau tbody tr td:nth-child(5)').allTextContents();
    const asNumbers = shares.map((x) => Number(x.replace(/[^\d,]/g, '').replace(',', '.')));
    expect(asNumbers).toEqual([...asNumbers].sort((a, b) => b - a));
    const full = f.byEpci.find((e) => e.communes > 0 && e.coveredCommunes === e.communes)!;
    expect(await status(full.code)).toBe('full');
    const none = f.byEpci.find((e) => e.coveredCommunes === 0)!;
    expect(await status(none.code)).toBe('none');
    expect(await page.locator('#legende').textContent()).toContain('En partie couvert');
    // The legend counts the EPCI of each class as the engine does.
    const counts = classCounts(f.byEpci);
    for (const k of ['full', 'partial', 'none'] as const)
      expect(await page.locator(`#legende [data-status=${k}]`).getAttribute('data-count')).toBe(
        String(counts[k].count),
      );
    await page.close();
  });

  it('a click on Calais at region zoom opens its card beside it, never over it (it opened over Calais)', async () => {
    const { page } = await open(BASE);
    const map = (await page.locator('#carte').boundingBox())!;
    // Calais's town hall: at the west edge of the region, where the card opens.
    const calais = [1.8535, 50.9519] as const;
    const [x, y] = await page.evaluate(([lon, lat]) => window.__cls.project(lon, lat), calais);
    await page.mouse.click(map.x + x, map.y + y);
    await page.waitForFunction(() => document.querySelector('#detail-nom')?.textContent === 'Calais (62193)');
    const card = (await page.locator('#fiche-detail').boundingBox())!;
    const [cx, cy] = await page.evaluate(([lon, lat]) => window.__cls.project(lon, lat), calais);
    // Before the fix the card covered the point clicked; now the map has moved it right of the card.
    expect(map.x + x).toBeLessThan(card.x + card.width);
    expect(map.x + cx).toBeGreaterThan(card.x + card.width);
    expect(map.y + cy).toBeGreaterThan(map.y);
    await page.close();
  });

  it('hovering Lens shows a tooltip naming it, with its status and priority membership; none while a card is open', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    const box = (await page.locator('#carte canvas').boundingBox())!;
    // Lens town hall (2.8313° E, 50.4328° N).
    const [x, y] = await page.evaluate(() => window.__cls.project(2.8313, 50.4328));
    await page.mouse.move(box.x + x, box.y + y);
    await page.waitForSelector('#infobulle:not([hidden])');
    const text = await page.locator('#infobulle[role=tooltip]').textContent();
    expect(text).toContain('Lens (62498)');
    expect(text).toContain('Couvert par un CLS');
    expect(text).toContain('territoire PRAPS');
    await page.mouse.move(box.x + 5, box.y + box.height + 40);
    await page.waitForSelector('#infobulle[hidden]', { state: 'attached' });
    // A click opens Lens's card: hovering then shows no tooltip over it (it hid the card's territory).
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForFunction(() => document.querySelector('#detail-nom')?.textContent === 'Lens (62498)');
    await page.mouse.move(box.x + x + 2, box.y + y + 2);
    await page.mouse.move(box.x + x + 4, box.y + y + 4);
    await page.waitForTimeout(300);
    expect(await page.locator('#infobulle').isHidden()).toBe(true);
    await page.close();
  });

  it('had no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
