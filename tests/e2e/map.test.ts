import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import {
  classCounts,
  comparedFigureText,
  compareWithPublished,
  contractCount,
  CHANGE_CLASSES,
  coverageChange,
  coverageFigures,
  approachesFor,
  createCoverageEngine,
  documentRow,
  documentsCsv,
  priorityInForce,
  statusCounts,
  timeline,
  today,
  type Diagnostic,
} from '@cls/core';
import { labelPoints } from '@cls/geo';
import {
  communeFeatures,
  dataPath,
  loadCommuneGeometry,
  loadDocuments,
  loadModel,
  loadPublishedFigures,
  loadUndatedDocuments,
} from '@cls/io';
import { cls } from '../integration/run-cli.ts';
import { startMap, type MapHarness } from './harness.ts';

const root = join(import.meta.dirname, '../..');
const app = join(root, 'apps/map');
const artifacts = join(root, 'tests/artifacts');
const PORT = 4791;
const BASE = `http://127.0.0.1:${PORT}/`;

let harness: MapHarness;
let browser: Browser;
const { model } = await loadModel();
const engine = createCoverageEngine(model);
/** What the map should outline at a date: PRAPS ids in force, and the communes holding a QPV in force. */
function priorityAt(date: string): { praps: string[]; qpv: string[] } {
  const cog = engine.coverageAt(date).cog;
  const ref = model.referenceFor(cog);
  const inForce = model.priority.filter((t) => priorityInForce(t, date));
  const qpv = new Set(
    inForce
      .filter((t) => t.kind === 'qpv')
      .flatMap((t) => [...engine.territoryCommunes(t, cog)].map((i) => ref.communes[i]!.code)),
  );
  return {
    praps: inForce
      .filter((t) => t.kind === 'praps')
      .map((t) => t.id)
      .sort(),
    qpv: [...qpv].sort(),
  };
}
/** A parameter of the page's link (written a moment after the state changes: see writeUrlSoon). */
const urlParam = (page: Page, name: string) => page.evaluate((n) => new URL(location.href).searchParams.get(n), name);
const rendered = (page: Page, layer: string) =>
  page.evaluate((l) => window.__cls.rendered(l), layer).then((x) => x.sort());
const consoleErrors: string[] = [];
const perf: Record<string, unknown> = {};

async function open(url: string): Promise<{ page: Page; gzBytes: number; requests: number; foreign: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  let gzBytes = 0,
    requests = 0;
  /** Requests leaving the page's own origin (tiles, fonts, glyphs must all be local). */
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(BASE)) foreign.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${url}: ${e.message}`));
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      gzBytes += gzipSync(body).length;
      requests++;
    } catch {
      /* redirects have no body */
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__cls?.ready === true || (window.__cls?.errors.length ?? 0) > 0, null, {
    timeout: 60_000,
  });
  const errors = await page.evaluate(() => window.__cls.errors);
  if (errors.length) throw new Error(`la carte n'a pas démarré : ${errors.join(' ; ')}`);
  return { page, gzBytes: await settle(() => gzBytes), requests, foreign };
}
const settle = async (f: () => number) => {
  await new Promise((r) => setTimeout(r, 300));
  return f();
};

/** Counts canvas pixels close to each status colour. */
async function statusPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colors: Record<string, [number, number, number]> = {
      cls: [0x00, 0x72, 0xb2],
      charte: [0xc1, 0x7a, 0x00],
      expired: [0xb0, 0x52, 0x9a],
      none: [0xec, 0xec, 0xec],
    };
    const out: Record<string, number> = { cls: 0, charte: 0, expired: 0, none: 0 };
    for (let i = 0; i < d.length; i += 4) {
      for (const [k, [r, g, b]] of Object.entries(colors))
        if (Math.abs(d[i]! - r) < 6 && Math.abs(d[i + 1]! - g) < 6 && Math.abs(d[i + 2]! - b) < 6) out[k]!++;
    }
    return out;
  });
}

/** Canvas pixels under an overlay (the legend, the timeline bar) that are not the map's empty background. */
async function regionPixelsUnder(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const gl = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
    const box = gl.getBoundingClientRect();
    const r = document.querySelector(sel)!.getBoundingClientRect();
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const scale = gl.width / box.width;
    const x = Math.max(0, Math.floor((r.left - box.left) * scale));
    const y = Math.max(0, Math.floor((r.top - box.top) * scale));
    const w = Math.min(c.width - x, Math.ceil(r.width * scale));
    const h = Math.min(c.height - y, Math.ceil(r.height * scale));
    const d = ctx.getImageData(x, y, w, h).data;
    let n = 0;
    // The background layer is #f6f6f6.
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - 0xf6) > 3 || Math.abs(d[i + 2]! - 0xf6) > 3) n++;
    return n;
  }, selector);
}

async function moveSlider(page: Page, date: string): Promise<void> {
  await page.evaluate((d) => {
    const idx = window.__cls.dates.indexOf(d);
    if (idx < 0) throw new Error(`date ${d} absente du curseur`);
    const s = document.querySelector<HTMLInputElement>('#curseur-date')!;
    s.focus();
    s.value = String(idx);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, date);
  await page.waitForFunction(
    (d) => document.querySelector('#date-courante')?.textContent === `Au ${d.split('-').reverse().join('/')}`,
    date,
  );
  await page.waitForFunction(
    (d) => document.querySelector('#bloc-chiffres h2')?.textContent?.includes(d.split('-').reverse().join('/')),
    date,
  );
}

beforeAll(async () => {
  if (!existsSync(join(root, 'data/build/manifest-32.json')))
    throw new Error('data/build absent : lancez pnpm build:data');
  mkdirSync(artifacts, { recursive: true });
  // The app built once for all the browser test files (see startMap), served as with `pnpm start`.
  harness = await startMap(PORT);
  browser = harness.browser;
});

afterAll(async () => {
  writeFileSync(join(artifacts, 'perf.json'), JSON.stringify(perf, null, 2));
  console.log('Mesures navigateur :', JSON.stringify(perf));
  await harness?.stop();
});

describe('the map in headless Chromium', () => {
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
    await page.locator('#date-comparaison').fill('2019-06-30');
    await page.locator('#date-comparaison').dispatchEvent('change');
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
    expect(await page.locator('#date-comparaison').inputValue()).toBe('2019-06-30');
    await page.click('#arreter-comparaison');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('depuis'));
    expect(await page.evaluate(() => window.__cls.featureStatus('communes', '62498'))).toBe('cls');
    await page.close();
  });

  it('the Documents table lists every registry row, dated and undated, and filters the unverified', async () => {
    const { page } = await open(BASE);
    const dated = (await loadDocuments(dataPath('registry', 'documents.csv'))).accepted;
    const undated = (await loadUndatedDocuments(dataPath('registry', 'undated.csv'))).accepted;
    expect(undated.length).toBeGreaterThan(10);
    // The blocks below the map are tabs: the chart first; the Documents tab shows the registry and is in the link.
    expect(await page.locator('#bloc-documents').isHidden()).toBe(true);
    await page.click('#onglet-documents');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('onglet') === 'documents');
    expect(await page.locator('#bloc-documents').isVisible()).toBe(true);
    expect(await page.locator('#bloc-graphique').isHidden()).toBe(true);
    expect(await page.locator('#onglet-documents').getAttribute('aria-selected')).toBe('true');
    // Arrow keys move along the tabs (WAI-ARIA tabs pattern), the focus with them.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement?.id === 'onglet-sources');
    expect(await page.locator('#bloc-sources').isVisible()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('#bloc-documents')!.hidden);
    const ids = () => page.locator('#tableau-documents tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id));
    expect((await ids()).sort()).toEqual([...dated, ...undated].map((d) => d.id).sort());
    // A month-precision date reads as the source gave it; an undated row says what is known.
    const lille = page.locator('#tableau-documents tr[data-id="lille-cls-2012"] td').nth(2);
    expect(await lille.textContent()).toBe('décembre 2012');
    const amiens = page.locator('#tableau-documents tr[data-id="amiens-cls-3"] td').nth(2);
    expect(await amiens.textContent()).toMatch(/^date inconnue \(après octobre 2023/);
    await page.selectOption('#documents-verifie', 'no');
    const unverified = [...dated, ...undated].filter((d) => !d.verified).map((d) => d.id);
    expect((await ids()).sort()).toEqual(unverified.sort());
    // The published mid-2019 figure beside what the registry gives at that date.
    expect(await page.locator('#bloc-documents details.publie').textContent()).toContain(
      'CLS en vigueur : publié 2, registre',
    );
    await page.close();
  });

  it('loads a registry in the page: the figures of cls report for that file, its problems by line, back to shipped', async () => {
    const { page, foreign } = await open(`${BASE}?date=2022-01-01`);
    const shipped = await page.evaluate(() => window.__cls.figures()!.covered);
    const coveredNow = () => page.evaluate(() => window.__cls.figures()!.covered);
    const fixture = (name: string) => join(root, 'tests/fixtures/registry', name);
    // An .xlsx workbook with typed cells: the page computes what the CLI computes for that file and date.
    const xlsx = fixture('excel-typed-cells.xlsx');
    const cli = cls('report', '--registry', xlsx, '--as-of', '2022-01-01', '--format', 'json');
    expect(cli.code, cli.stderr).toBe(1); // one row rejected, said on stderr
    const expected = JSON.parse(cli.stdout);
    await page.setInputFiles('#charger-registre', xlsx);
    await page.waitForFunction(() => document.querySelector('#registre-origine')?.textContent?.includes('.xlsx'));
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, expected.covered.communes);
    expect(await coveredNow()).toMatchObject({
      communes: expected.covered.communes,
      population: expected.covered.population,
    });
    expect(await page.evaluate(() => window.__cls.figures()!.priority.populationCovered)).toBe(
      expected.priority.populationCovered,
    );
    expect(await page.locator('#registre-bandeau').textContent()).toContain('excel-typed-cells.xlsx');
    expect(await page.locator('#registre-problemes').textContent()).toMatch(
      /Ligne écartée, ligne 5, signed_on : date de signature « 31\/02\/2024 » illisible/,
    );
    await page.screenshot({ path: join(artifacts, 'registre-charge.png') });
    // A file whose header cannot be read changes nothing, and says why.
    await page.setInputFiles('#charger-registre', fixture('missing-column.csv'));
    await page.waitForSelector('#registre-problemes .erreur[role="alert"]');
    expect(await page.locator('#registre-problemes').textContent()).toMatch(/Fichier non chargé : missing-column\.csv/);
    expect((await coveredNow()).communes).toBe(expected.covered.communes);
    // A CSV with a malformed row: loaded, the row listed with its line.
    await page.setInputFiles('#charger-registre', fixture('wrong-field-count.csv'));
    await page.waitForFunction(() => document.querySelector('#registre-origine')?.textContent?.includes('wrong-field'));
    expect(await page.locator('#registre-problemes').textContent()).toMatch(
      /Ligne écartée, ligne 2 : 9 champs au lieu de 10/,
    );
    // Back to the shipped registry in one click.
    await page.click('#registre-livre');
    await page.waitForFunction(() =>
      document.querySelector('#registre-origine')?.textContent?.startsWith('Registre livré'),
    );
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, shipped.communes);
    expect(await coveredNow()).toEqual(shipped);
    expect(await page.locator('#registre-bandeau').isHidden()).toBe(true);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('reads every registry fixture in the page as the CLI reads it: same rows, same problems, line by line', async () => {
    const dir = join(root, 'tests/fixtures/registry');
    const fixtures = readdirSync(dir).filter((f) => /\.(csv|xlsx)$/.test(f));
    expect(fixtures.length).toBeGreaterThan(12);
    const { page, foreign } = await open(`${BASE}?date=2024-06-30`);
    /** What the page lists for a file: its head line, then each problem as the Sources panel words it. */
    const listed = () =>
      page.locator('#registre-problemes li.registre-fichier').evaluate((li) => {
        const head = li.querySelector('summary')?.textContent ?? li.textContent!;
        return [head.replace(/\.$/, ''), ...[...li.querySelectorAll('li.probleme')].map((p) => p.textContent!)];
      });
    for (const name of fixtures) {
      const node = await loadDocuments(join(dir, name));
      const wording = (d: Diagnostic) =>
        `${d.severity === 'error' ? 'Ligne écartée' : 'Avertissement'}${d.line ? `, ligne ${d.line}` : ''}` +
        `${d.field ? `, ${d.field}` : ''} : ${d.message.replaceAll(join(dir, name), name)}`;
      await page.evaluate(() => {
        document.querySelector('#registre-problemes')!.textContent = '';
      });
      await page.setInputFiles('#charger-registre', join(dir, name));
      await page.waitForFunction(
        (n) => document.querySelector('#registre-problemes li.registre-fichier')?.textContent?.startsWith(n),
        name,
      );
      const [head, ...problems] = await listed();
      expect(head, name).toMatch(new RegExp(`^${name.replace('.', '\\.')} : ${node.rowCount} ligne`));
      expect(problems, name).toEqual(node.diagnostics.map(wording));
      if (node.accepted.length === 0) {
        expect(await page.locator('#registre-problemes [role="alert"]').textContent(), name).toMatch(
          /Fichier non chargé/,
        );
      }
    }
    // Priority territories and QPV populations load the same way, told by their columns.
    await page.setInputFiles('#charger-registre', dataPath('registry', 'priority-territories.csv'));
    await page.waitForFunction(() =>
      document.querySelector('#registre-origine')?.textContent?.includes('Territoires prioritaires'),
    );
    await page.setInputFiles(
      '#charger-registre',
      join(root, 'tests/fixtures/trust/qpv-populations-two-columns-trailing-newline.csv'),
    );
    await page.waitForFunction(() =>
      document.querySelector('#registre-origine')?.textContent?.includes('Populations des QPV'),
    );
    await page.waitForFunction(() => (window.__cls.figures()?.priority.qpv.withPopulation ?? 0) === 2);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('adds a document by clicking an EPCI on the map, previews it, saves CSV and .xlsx that read back, keeps it locally', async () => {
    const date = '2024-06-30';
    const coverage = engine.coverageAt(date);
    const ref = coverage.reference;
    // The most populous EPCI with no commune covered at that date, and a point inside its largest commune.
    const covered = new Set(coverage.communes.filter((c) => c.status !== 'none').map((c) => c.code));
    const epci = ref.epcis
      .filter((e) => e.members.every((m) => !covered.has(m)))
      .sort((a, b) => b.population - a.population)[0]!;
    const commune = ref.communes
      .filter((c) => epci.members.includes(c.code))
      .sort((a, b) => b.population - a.population)[0]!;
    const areas = communeFeatures(loadCommuneGeometry(coverage.cog));
    const inside = labelPoints({
      type: 'FeatureCollection',
      features: areas.features
        .filter((f) => f.properties.code === commune.code)
        .map((f) => ({ ...f, properties: { key: f.properties.code } })),
    }).features[0]!.geometry.coordinates;
    const added = {
      id: 'essai-cls-2024',
      territory: epci.name,
      perimeter: epci.siren,
      doc_type: 'cls',
      signed_on: '01/03/2024',
      ends_on: '',
      generation: '1',
      verified: 'yes',
      source_url: 'https://example.org/essai',
      evidence: 'Essai du formulaire',
    };
    const tmp = mkdtempSync(join(tmpdir(), 'cls-e2e-'));
    const csvOfDocs = join(tmp, 'attendu.csv');
    writeFileSync(csvOfDocs, documentsCsv([...model.documents.map(documentRow), added]));
    const expected = await loadModel({ registry: csvOfDocs });
    const want = coverageFigures(createCoverageEngine(expected.model).coverageAt(date), engine).covered;
    expect(want.communes).toBeGreaterThan(coverageFigures(coverage, engine).covered.communes);

    const { page, foreign } = await open(`${BASE}?date=${date}&vue=epci&sel=${commune.code}`);
    await page.click('#edition-ouvrir');
    await page.fill('#edition-id', added.id);
    await page.fill('#edition-territory', added.territory);
    await page.click('#edition-carte');
    const [x, y] = await page.evaluate(([lon, lat]) => window.__cls.project(lon!, lat!), inside);
    const box = (await page.locator('#carte').boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    expect(await page.inputValue('#edition-perimeter')).toBe(epci.siren);
    expect(await page.locator('#edition-perimetre-resume').textContent()).toContain(epci.name);
    await page.fill('#edition-signed_on', added.signed_on);
    await page.fill('#edition-source_url', 'javascript:alert(1)');
    await page.waitForFunction(() => document.querySelector('#edition-source_url-erreur')?.textContent !== '');
    expect(await page.isDisabled('#edition-valider')).toBe(true);
    await page.fill('#edition-source_url', added.source_url);
    await page.fill('#edition-generation', added.generation);
    await page.check('#edition-verified');
    await page.fill('#edition-evidence', added.evidence);
    // The map previews the registry with the new document before it is kept.
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, want.communes);
    expect(
      await page.evaluate(() =>
        window.__cls.featureStatus('epci', document.querySelector<HTMLInputElement>('#edition-perimeter')!.value),
      ),
    ).toBe('full');
    await page.click('#edition-valider');
    await page.waitForFunction(() => document.querySelector('#registre-origine')?.textContent?.includes('modifié'));
    expect(await page.evaluate(() => window.__cls.figures()!.covered)).toMatchObject(want);

    // Saved as CSV for Excel: the shipped rows and the new one, as the CLI reads them.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#enregistrer-csv')]);
    const csvPath = join(tmp, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.startsWith('\ufeffid;territory;perimeter;')).toBe(true);
    expect(text.trimEnd().split('\r\n').at(-1)).toBe(Object.values(added).join(';'));
    const fromCsv = await loadDocuments(csvPath);
    expect(fromCsv.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fromCsv.accepted.map((d) => d.id)).toEqual(expected.model.documents.map((d) => d.id));

    // Saved as .xlsx: every row read back (by the CLI, and by the page).
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#enregistrer-xlsx')]);
    const xlsxPath = join(tmp, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxPath);
    const fromXlsx = await loadDocuments(xlsxPath);
    expect(fromXlsx.accepted.map(({ line, ...d }) => d)).toEqual(fromCsv.accepted.map(({ line, ...d }) => d));
    await page.click('#registre-livre');
    await page.waitForFunction(() =>
      document.querySelector('#registre-origine')?.textContent?.startsWith('Registre livré'),
    );
    await page.setInputFiles('#charger-registre', xlsxPath);
    await page.waitForFunction(() => document.querySelector('#registre-origine')?.textContent?.includes('.xlsx'));
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, want.communes);
    expect(await page.locator('#registre-origine').textContent()).toContain(`${fromCsv.rowCount} lignes`);

    // Kept in this browser, offered again on the next visit, then erased.
    await page.click('#garder-local');
    await page.waitForSelector('#reprendre-local');
    await page.reload();
    await page.waitForFunction(() => window.__cls?.ready === true);
    await page.waitForSelector('#reprendre-local');
    expect(await page.locator('#registre-origine').textContent()).toMatch(/^Registre livré/);
    await page.click('#reprendre-local');
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, want.communes);
    await page.click('#effacer-local');
    await page.waitForFunction(() => !document.querySelector('#reprendre-local'));
    await page.reload();
    await page.waitForFunction(() => window.__cls?.ready === true);
    await page.waitForTimeout(500);
    expect(await page.locator('#reprendre-local').count()).toBe(0);
    expect(foreign).toEqual([]);
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

  it('exports the map as a report-ready PNG: larger than the canvas, title and legend drawn around it', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30&dep=62`);
    const canvas = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
      return [c.width, c.height];
    });
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync((await png.path())!);
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(canvas[0]!);
    expect(height).toBeGreaterThan(canvas[1]!);
    // Ink (non-white pixels) in the legend column beside the map, and in the title band above it.
    const ink = await page.evaluate(
      async ({ data, mapWidth }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const count = (x: number, y: number, w: number, h: number) => {
          const d = g.getImageData(x, y, w, h).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 200 || d[i + 1]! < 200 || d[i + 2]! < 200) n++;
          return n;
        };
        return { legend: count(mapWidth, 0, img.width - mapWidth, img.height), title: count(0, 0, img.width, 40) };
      },
      { data: bytes.toString('base64'), mapWidth: canvas[0]! },
    );
    expect(ink.legend).toBeGreaterThan(2000);
    expect(ink.title).toBeGreaterThan(1000);
    writeFileSync(join(artifacts, 'export-carte-62.png'), bytes);
    await page.close();
  });

  it('first draw, timed over three cold loads (each in a new browser context, no request watching), beside a bare MapLibre map', async () => {
    const runs: number[] = [];
    const names: number[] = [];
    const bare: number[] = [];
    // The reference: a bare MapLibre map (background layer only) on a canvas of the page's map size,
    // served from the same server and drawn in the same browser run, alternated with the page.
    const size = await (async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${BASE}?date=2019-07-20`);
      await page.waitForFunction(() => window.__cls?.ready === true);
      const box = (await page.locator('#carte').boundingBox())!;
      await page.close();
      return [Math.round(box.width), Math.round(box.height)] as const;
    })();
    const dist = join(app, 'node_modules/maplibre-gl/dist');
    const barePage = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="__maplibre/maplibre-gl.css"></head>
<body style="margin:0"><div id="carte" style="width:${size[0]}px;height:${size[1]}px"></div><script type="module">
import * as maplibregl from './__maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('./__maplibre/maplibre-gl-worker.mjs', location.href).href);
const map = new maplibregl.Map({ container: 'carte', center: [2.8, 49.9], zoom: 7, style: { version: 8, sources: {},
  layers: [{ id: 'fond', type: 'background', paint: { 'background-color': '#f6f6f6' } }] } });
map.once('idle', () => { window.__bareMs = performance.now(); });
</script></body></html>`;
    for (let i = 0; i < 3; i++) {
      const reference = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await reference.route('**/__bare.html', (r) => r.fulfill({ body: barePage, contentType: 'text/html' }));
      await reference.route('**/__maplibre/*', (r) =>
        r.fulfill({ path: join(dist, new URL(r.request().url()).pathname.split('/').pop()!) }),
      );
      await reference.goto(`${BASE}__bare.html`);
      await reference.waitForFunction(() => (window as unknown as { __bareMs?: number }).__bareMs !== undefined, null, {
        timeout: 60_000,
      });
      bare.push(Math.round(await reference.evaluate(() => (window as unknown as { __bareMs: number }).__bareMs)));
      await reference.close();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (e) => consoleErrors.push(`chargement ${i}: ${e.message}`));
      await page.goto(`${BASE}?date=2019-07-20`);
      await page.waitForFunction(() => window.__cls?.ready === true || (window.__cls?.errors.length ?? 0) > 0, null, {
        timeout: 60_000,
      });
      expect(await page.evaluate(() => window.__cls.errors)).toEqual([]);
      expect((await rendered(page, 'communes-fond')).length).toBeGreaterThan(3700);
      runs.push(Math.round((await page.evaluate(() => window.__cls.firstDrawMs))!));
      await page.waitForFunction(() => window.__cls.namesMs !== null);
      names.push(Math.round((await page.evaluate(() => window.__cls.namesMs))!));
      await page.close();
    }
    perf.firstDrawRunsMs = runs;
    perf.firstDrawMs = [...runs].sort((a, b) => a - b)[1];
    // Place names are added once the colours are drawn (see page.ts).
    perf.namesDrawnRunsMs = names;
    // Budgets as ratios to the bare map of the same run (issue: first coloured map ≤ 2×, names ≤ 3×).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    perf.bareMapRunsMs = bare;
    perf.firstDrawRatioToBareMap = Math.round((median(runs) / median(bare)) * 100) / 100;
    perf.namesRatioToBareMap = Math.round((median(names) / median(bare)) * 100) / 100;
    expect(bare.every((t) => t > 0)).toBe(true);
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

  it('exports the per-territory table as a CSV that parses (BOM, ;)', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-territoires')]);
    const path = join(artifacts, download.suggestedFilename());
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The CLI's file, byte for byte: one writer, one set of columns (a status is never spelt `expire`).
    const cli = cls('report', '--as-of', '2024-06-30', '--by', 'commune', '--format', 'csv');
    expect(text).toBe(cli.stdout);
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n\r\n')[0]!
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'insee',
      'nom',
      'departement',
      'epci',
      'population',
      'statut',
      'documents',
      'documents_termines',
    ]);
    expect(lines).toHaveLength(1 + 3788);
    const lens = lines.find((l) => l[0] === '62498')!;
    expect(lens.slice(5, 7)).toEqual(['cls', 'lens-lievin-cls-2019|lens-lievin-avenant-2023']);
    expect(new Set(lines.slice(1).map((l) => l[5]))).toEqual(new Set(['cls', 'charte', 'document_termine', 'aucun']));
    // The covered area: loads the polygons on demand and dissolves them by status.
    const [geo] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
    const area = JSON.parse(readFileSync(await geo.path(), 'utf8')) as {
      features: Array<{ properties: { key: string; count: number } }>;
      metadata: { date: string; cog: number };
    };
    expect(area.metadata).toMatchObject({ date: '2024-06-30', cog: 2024 });
    const covered = lines.slice(1).filter((l) => l[5] === 'cls' || l[5] === 'charte');
    expect(area.features.map((f) => f.properties.key).sort()).toEqual([...new Set(covered.map((l) => l[5]))].sort());
    expect(area.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(covered.length);
    await page.close();
  });

  it('a permalink restores date, selection, department and view', async () => {
    const { page } = await open(`${BASE}?date=2019-06-30&sel=62498&dep=62&vue=epci`);
    expect(await page.locator('#date-courante').textContent()).toBe('Au 30/06/2019');
    expect(await page.locator('#filtre-departement').inputValue()).toBe('62');
    expect(await page.locator('[data-vue=epci]').getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => document.querySelector('#detail-nom')?.textContent === 'Lens (62498)');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?date=2019-06-30&sel=62498&dep=62&vue=epci');
    // Zoomed on Lens (2.83° E, 50.43° N), its outline drawn, EPCI coloured (CA de Lens-Liévin among them).
    const [w, s, e, n] = await page.evaluate(() => window.__cls.view());
    expect(w < 2.83 && e > 2.83 && s < 50.43 && n > 50.43).toBe(true);
    expect(e - w).toBeLessThan(0.5);
    await page.waitForFunction(() => window.__cls.rendered('selection').length > 0);
    expect(await rendered(page, 'selection')).toEqual(['62498']);
    expect(await rendered(page, 'epci-fond')).toContain('246200364');
    expect(await rendered(page, 'communes-fond')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'carte-permalien.png') });
    // "Copier le lien" right after a step copies the new state's link, before the address bar has caught up.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
    await page.evaluate(() => {
      const slider = document.querySelector<HTMLInputElement>('#curseur-date')!;
      slider.value = String(window.__cls.dates.indexOf('2019-07-31'));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      document.querySelector<HTMLButtonElement>('#copier-lien')!.click();
    });
    await page.waitForFunction(() => document.querySelector('#lien-copie')?.textContent === 'Lien copié');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).search).toBe('?date=2019-07-31&sel=62498&dep=62&vue=epci');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?date=2019-07-31&sel=62498&dep=62&vue=epci');
    await page.close();
  });

  it('answers first: at 1280×720 and on a 390×844 phone, the gauge and the gap are on the first screen', async () => {
    for (const [width, height] of [
      [1280, 720],
      [390, 844],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      page.on('pageerror', (e) => consoleErrors.push(`${width}×${height}: ${e.message}`));
      await page.goto(BASE);
      await page.waitForFunction(() => window.__cls?.ready === true || (window.__cls?.errors.length ?? 0) > 0, null, {
        timeout: 60_000,
      });
      for (const selector of ['#phrase', '#jauge', '#ecart', '[data-fig=cls]', '[data-fig=praps]', '[data-fig=qpv]']) {
        const box = await page.locator(selector).boundingBox();
        expect([selector, box!.y + box!.height <= height, box!.x + box!.width <= width]).toEqual([
          selector,
          true,
          true,
        ]);
      }
      // All five department names at region zoom, on a desktop's first screen and on a phone (NORD was dropped).
      await page.waitForFunction(() => window.__cls.namesMs !== null, null, { timeout: 60_000 });
      await expect.poll(() => rendered(page, 'noms-departements')).toEqual(['02', '59', '60', '62', '80']);
      // On a phone the map is one tap away, from the top of the page.
      if (width < 900) {
        const link = await page.locator('.lien-carte').boundingBox();
        expect(link && link.y + link.height <= height).toBe(true);
        expect(await page.locator('.lien-carte').getAttribute('href')).toBe('#zone-carte');
        // The department table fits the phone: its last column (the share) in view, no hidden scroll.
        await page.click('#onglet-tableau');
        await page.waitForSelector('#tableau tfoot');
        const [client, scroll] = await page.evaluate(() => {
          const box = document.querySelector('#bloc-tableau .tableau-defilant')!;
          return [box.clientWidth, box.scrollWidth];
        });
        expect(scroll).toBeLessThanOrEqual(client);
        await page.click('#onglet-evolution');
      } else expect(await page.locator('.lien-carte').isVisible()).toBe(false);
      // Nothing wider than the screen (bug: the priority table's width once pushed the figures off a phone).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const f = coverageFigures(engine.coverageAt(await page.evaluate(() => window.__cls.figures()!.asOf)), engine);
      expect(await page.locator('#ecart').textContent()).toContain(
        f.priority.gap! > 0 ? `il manque ${f.priority.gap!.toLocaleString('fr-FR')} habitants` : 'atteint',
      );
      // The timeline is a slim bar over the map: on the first screen of a desktop too.
      if (width === 1280) {
        const slider = await page.locator('#curseur-date').boundingBox();
        expect(slider!.y + slider!.height).toBeLessThanOrEqual(height);
      }
      await page.screenshot({ path: join(artifacts, `premier-ecran-${width}x${height}.png`) });
      // The chart's text is at least 11 px on screen (bug: drawn 720 wide and shrunk, it read 5.5 px on a phone).
      await page.waitForSelector('#bloc-graphique svg text');
      const smallest = await page.evaluate(() => {
        const chart = document.querySelector<SVGSVGElement>('#bloc-graphique svg')!;
        const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
        const sizes = [...chart.querySelectorAll('text')].map((t) => Number.parseFloat(getComputedStyle(t).fontSize));
        return Math.min(...sizes) * scale;
      });
      expect(smallest).toBeGreaterThanOrEqual(10.9);
      await page.close();
    }
  });

  it('shows the published figure of the date on the first screen, beside the registry, at 2019-06-30 and in the 62 at 2024-09-30', async () => {
    const published = (await loadPublishedFigures(dataPath('registry', 'published-figures.csv'))).accepted;
    for (const [query, department, shot] of [
      ['?date=2019-06-30', null, 'premier-ecran-2019-06-30'],
      ['?date=2024-09-30&dep=62', '62', 'premier-ecran-2024-09-30-dep62'],
    ] as const) {
      const f = coverageFigures(engine.coverageAt(query.slice(6, 16)), engine, { department });
      const expected = compareWithPublished(f, published, { model: engine.model });
      expect(expected.length).toBe(1);
      for (const [width, height] of [
        [1280, 720],
        [390, 844],
      ] as const) {
        const page = await browser.newPage({ viewport: { width, height } });
        await page.goto(`${BASE}${query}`);
        await page.waitForFunction(() => window.__cls?.ready === true, null, { timeout: 60_000 });
        // Every compared figure is within the first screen, with the registry's value and the gap of the engine.
        const rows = page.locator('#publie li');
        expect(await rows.allTextContents()).toEqual(expected[0]!.rows.map((r) => comparedFigureText(r)));
        const last = await rows.last().boundingBox();
        expect([query, width, last!.y + last!.height <= height]).toEqual([query, width, true]);
        expect(await page.locator('#publie a').getAttribute('href')).toBe(expected[0]!.published.sourceUrl);
        // The completeness line and the open-ended documents are said with the figures.
        expect(await page.locator('#completude-chiffres').textContent()).toContain(
          'Les chiffres ne comptent que ce que le registre connaît',
        );
        if (width === 1280) await page.screenshot({ path: join(artifacts, `${shot}.png`) });
        await page.close();
      }
    }
    // The undefined measure is quoted, never set against a number (bug: "publié 40,0 %, calculé 0,0 %").
    const { page } = await open(`${BASE}?date=2019-06-30`);
    expect(await page.locator('#publie [data-mesure=priority_share]').textContent()).toContain(
      'définition non publiée : non recalculé',
    );
    expect(await page.locator('#phrase').textContent()).not.toMatch(/territoires? PRAPS sur 2 \(/);
    // The figures CSV carries the published figures and the caveats after the data.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-chiffres')]);
    expect(csv.suggestedFilename()).toBe('chiffres-cls-32-communes-2019-06-30.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('chiffre_publie;publie_par;date;perimetre;mesure;publie;registre;ecart;definition;source');
    expect(text).toContain('ars-mi-2019;ARS Hauts-de-France;2019-06-30;32;CLS en vigueur;2;1;-1;même définition');
    expect(text).toContain('Les chiffres ne comptent que ce que le registre connaît');
    // A typed French date is read as typed (bug: "30062019" gave 01/03/2019), an impossible one refused.
    await page.fill('#date-saisie', '15/09/2024');
    await page.press('#date-saisie', 'Enter');
    await page.waitForFunction(() => document.querySelector('#date-courante')?.textContent === 'Au 15/09/2024');
    await page.fill('#date-saisie', '30062019');
    await page.press('#date-saisie', 'Enter');
    await page.waitForFunction(() => document.querySelector('#date-courante')?.textContent === 'Au 30/06/2019');
    await page.fill('#date-saisie', '31/02/2019');
    await page.press('#date-saisie', 'Enter');
    expect(await page.locator('#date-erreur').textContent()).toBe('Date refusée : le 31/02/2019 n’existe pas.');
    expect(await page.locator('#date-courante').textContent()).toBe('Au 30/06/2019');
    // A date after today is a projection, said as such.
    await page.fill('#date-saisie', '31/12/2099');
    await page.press('#date-saisie', 'Enter');
    await page.waitForSelector('#projection');
    expect(await page.locator('#bloc-chiffres h2').textContent()).toContain('(projection)');
    await page.close();
  });

  it('a loaded file with 6 of 7 rows rejected says so over the figures, in the alert style, with a link to the list', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    await page.setInputFiles(
      '#charger-registre',
      join(root, 'tests/fixtures/trust/registry-six-of-seven-rejected.csv'),
    );
    await page.waitForSelector('#registre-ecartees');
    const banner = page.locator('#registre-bandeau');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.getAttribute('class')).toContain('alerte');
    expect(await page.locator('#registre-ecartees').textContent()).toContain('6 lignes écartées sur 7');
    expect(await banner.locator('a').getAttribute('href')).toBe('#registre-problemes');
    // Above the figures, where they are read.
    const b = await banner.boundingBox();
    const phrase = await page.locator('#phrase').boundingBox();
    expect(b!.y).toBeLessThan(phrase!.y);
    // The unparseable source URL is one of them, and no panel fell over.
    expect(await page.locator('#registre-problemes').textContent()).toContain('ligne 6');
    expect(await page.evaluate(() => window.__cls.errors)).toEqual([]);
    await page.close();
  });

  it('a 50,000-row registry: the figures of cls report, the Documents tab a page at a time, no error', async () => {
    // The shipped registry repeated under new ids, as a hostile user might send it.
    const lines = readFileSync(join(root, 'data/registry/documents.csv'), 'utf8').trimEnd().split('\n');
    const [head, ...rows] = lines;
    const big = [head];
    for (let n = 0; big.length <= 50_000; n++)
      for (const r of rows) if (big.length <= 50_000) big.push(r.replace(/^([^,]+)/, `$1-${n}`));
    const file = join(mkdtempSync(join(tmpdir(), 'cls-big-')), 'registre-50000.csv');
    writeFileSync(file, `${big.join('\n')}\n`);
    const cli = JSON.parse(cls('report', '--registry', file, '--as-of', '2024-06-30', '--format', 'json').stdout);
    const { page } = await open(`${BASE}?date=2024-06-30`);
    await page.evaluate(() => {
      (window as unknown as { __long: number[] }).__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.setInputFiles('#charger-registre', file);
    await page.waitForFunction(
      () => document.querySelector('#registre-origine')?.textContent?.includes('registre-50000'),
      null,
      {
        timeout: 120_000,
      },
    );
    await page.waitForFunction((n) => window.__cls.figures()?.covered.communes === n, cli.covered.communes);
    expect(await page.evaluate(() => window.__cls.figures()!.covered.population)).toBe(cli.covered.population);
    await page.click('#onglet-documents');
    await page.waitForSelector('#documents-plus');
    expect(await page.locator('#tableau-documents tbody tr').count()).toBe(300);
    await page.click('#documents-plus');
    await expect.poll(() => page.locator('#tableau-documents tbody tr').count()).toBe(600);
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    perf.registry50000 = {
      longestTaskMs: Math.round(Math.max(0, ...long)),
      longTasksMs: Math.round(long.reduce((a, b) => a + b, 0)),
    };
    expect(await page.evaluate(() => window.__cls.errors)).toEqual([]);
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
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

  it('the department filter drives the sentence and every figure (62: the Pas-de-Calais engine values)', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    const region = await page.locator('#phrase').textContent();
    await page.selectOption('#filtre-departement', '62');
    await page.waitForFunction(() => document.querySelector('#phrase')?.textContent?.startsWith('Pas-de-Calais (62)'));
    const f = coverageFigures(engine.coverageAt('2024-06-30'), engine, { department: '62' });
    const value = (k: string) => page.locator(`[data-fig=${k}]`).getAttribute('data-value').then(Number);
    expect(await value('cls')).toBe(contractCount(f));
    expect(await value('communes')).toBe(f.covered.communes);
    expect(await value('population')).toBe(f.covered.population);
    expect(await value('prioritaire')).toBe(f.priority.populationCovered);
    expect(await value('ecart')).toBe(f.priority.gap);
    expect(await page.locator('#phrase').textContent()).not.toBe(region);
    // The table lists the department only; "Toute la région" brings the region back.
    expect(await page.locator('#tableau tbody tr').count()).toBe(1);
    await page.selectOption('#filtre-departement', '');
    await page.waitForFunction((r) => document.querySelector('#phrase')?.textContent === r, region);
    await page.close();
  });

  it('prints on one A4 landscape page, without the controls, with and without a published figure', async () => {
    for (const date of ['2024-06-30', '2019-06-30']) {
      const { page } = await open(`${BASE}?date=${date}`);
      // The button takes the map's image, then opens the browser's print dialog (stubbed here).
      await page.evaluate(() => {
        window.print = () => {};
      });
      await page.click('#imprimer');
      // The vector map replaces the screen's pixels before the print dialog opens.
      await page.waitForSelector('img.carte-impression[data-vectoriel]', { state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('img.carte-impression').isVisible()).toBe(true);
      // Its legend is in the vector map, beside it: the screen's legend is not laid over the map.
      expect(await page.locator('#legende').isVisible()).toBe(false);
      expect(await page.locator('#bloc-filtres').isVisible()).toBe(false);
      expect(await page.locator('#jauge').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(artifacts, `impression-${date}.pdf`), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect([date, pages.length]).toEqual([date, 1]);
      // The published figure of the date is printed with the figures.
      if (date === '2019-06-30') expect(await page.locator('#publie').isVisible()).toBe(true);
      await page.close();
    }
  });

  it('says what it corrected in a link: parameters ignored, a merged commune shown under its successor', async () => {
    const ref = model.referenceFor(2024);
    const current = new Set(ref.communes.map((c) => c.code));
    const [old, s] = Object.entries(ref.successions).find(([code, x]) => !current.has(code) && current.has(x.to))!;
    const { page } = await open(`${BASE}?date=2024-06-30&dep=75&vue=x&sel=${old}&region=99`);
    const notice = await page.locator('#avis').textContent();
    expect(notice).toContain('département « 75 » hors de la région : ignoré');
    expect(notice).toContain('vue « x » inconnue');
    // A link naming a region this deployment does not hold says which region is shown instead.
    expect(notice).toContain('région « 99 » non livrée par ce déploiement');
    expect(notice).toContain(`commune ${old} fusionnée : affichée sous ${s.to}`);
    await page.waitForFunction((to) => document.querySelector('#detail-nom')?.textContent?.includes(to), s.to);
    expect(await page.locator('#filtre-departement').inputValue()).toBe('');
    // Search says when nothing matches.
    await page.locator('#recherche').fill('zzzz');
    expect(await page.locator('#aucun-resultat').textContent()).toBe('Aucun résultat');
    await page.close();
    // An unknown EPCI in a link is said and dropped: the region is shown, nothing selected.
    const unknown = await open(`${BASE}?date=2024-06-30&sel=999999999`);
    expect(await unknown.page.locator('#avis').textContent()).toContain(
      'EPCI 999999999 inconnu en 2024 : sélection ignorée',
    );
    await expect.poll(() => urlParam(unknown.page, 'sel')).toBeNull();
    await unknown.page.close();
  });

  it('a failed data request shows the error and a way to retry, never a blank map that looks normal', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.route('**/registry-32.json', (r) => r.abort());
    await page.goto(BASE);
    await page.waitForFunction(() => (window.__cls?.errors.length ?? 0) > 0, null, { timeout: 60_000 });
    const state = page.locator('#etat-chargement');
    expect(await state.isVisible()).toBe(true);
    expect(await state.getAttribute('role')).toBe('alert');
    expect(await state.textContent()).toContain('Erreur de chargement');
    expect(await page.locator('#etat-chargement button').textContent()).toBe('Réessayer');
    await page.close();
  });

  it('axe-core finds no serious or critical accessibility violation (page, EPCI view, detail, Documents tab)', async () => {
    const axe = readFileSync(join(root, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    for (const url of [BASE, `${BASE}?date=2024-06-30&sel=62498&vue=epci&onglet=documents`]) {
      const { page } = await open(url);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const r = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> };
          }
        ).axe.run();
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') found.push(`${url} ${v.id} (${v.impact}, ${v.nodes})`);
      perf[`axe ${url}`] = violations;
      await page.close();
    }
    expect(found).toEqual([]);
  });

  it('registry text is shown as text, never run as markup (a registry carrying <img onerror> and <script>)', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30&sel=62498`);
    await page.setInputFiles('#charger-registre', join(root, 'tests/fixtures/registry/registry-markup-in-text.csv'));
    await page.waitForFunction(() => document.querySelector('#detail-nom')?.textContent === 'Lens (62498)');
    await page.waitForFunction(() => document.querySelector('#bloc-detail')?.textContent?.includes('onerror'));
    // The card and the Documents tab show the text as typed; no element was made from it, nothing ran.
    expect(await page.locator('#bloc-detail').textContent()).toContain('<img src=x onerror="window.__injecte=1">Lens');
    await page.click('#onglet-documents');
    await page.waitForFunction(() => document.querySelector('#bloc-documents')?.textContent?.includes('<script>'));
    expect(await page.locator('img[src="x"], #bloc-documents script, #bloc-detail script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injecte?: number }).__injecte)).toBeUndefined();
    await page.close();
  });

  it('had no console error, and lists what the build found in each registry file', async () => {
    expect(consoleErrors).toEqual([]);
    const { page } = await open(BASE);
    // What the build found in each registry file is listed, rejected rows included (here none).
    await page.waitForSelector('#bloc-sources .registre-fichier', { state: 'attached' });
    expect(await page.locator('#bloc-sources .registre-fichier').allTextContents()).toEqual([
      expect.stringMatching(/^data\/registry\/documents\.csv : \d+ lignes, aucune écartée/),
      expect.stringMatching(/^data\/registry\/priority-territories\.csv : \d+ lignes, aucune écartée/),
      expect.stringMatching(/^data\/registry\/undated\.csv : \d+ lignes, aucune écartée/),
      expect.stringMatching(/^data\/registry\/published-figures\.csv : \d+ lignes, aucune écartée/),
    ]);
    await page.close();
  });
});
