import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageFigures, createCoverageEngine, documentRow, documentsCsv, type Diagnostic } from '@cls/core';
import { labelPoints } from '@cls/geo';
import {
  communeFeatures,
  dataPath,
  loadCommuneGeometry,
  loadDocuments,
  loadModel,
  loadUndatedDocuments,
} from '@cls/io';
import { cls } from '../integration/run-cli.ts';
import { artifacts, browserSuite, root } from './page-helpers.ts';

/** Browser tests of the registry in the page: the Documents table, loaded and edited registries, large and hostile ones (split from the one map.test.ts by feature; same assertions). */
const PORT = 4792;
const suite = browserSuite(PORT);
const { base: BASE, consoleErrors, perf, open } = suite;
const { model } = await loadModel();
const engine = createCoverageEngine(model);

describe('the registry in the page', () => {
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

  it('had no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
