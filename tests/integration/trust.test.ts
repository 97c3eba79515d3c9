/**
 * Regression tests of the "figures an ARS can quote" issue: each input once gave plausible figures
 * with exit code 0, or was silently dropped. Fixtures in tests/fixtures/trust, named after the defect.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cls, root } from './run-cli.ts';
import { coverageFigures, createCoverageEngine } from '@cls/core';
import { loadModel } from '@cls/io';

const T = 'tests/fixtures/trust';
const json = (...args: string[]) => JSON.parse(cls(...args, '--format', 'json').stdout);

describe('nothing silent: files', () => {
  it('reads a two-column id;population file ending with a newline (QPV populations applied, exit 0)', () => {
    const r = cls(
      'report',
      '--as-of',
      '2024-06-30',
      '--qpv-populations',
      `${T}/qpv-populations-two-columns-trailing-newline.csv`,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const q = JSON.parse(r.stdout).priority;
    expect(q.qpv.withPopulation).toBe(2);
    expect(q.qpv.population).toBe(7300);
    expect(q.measure).toBe('praps-communes+qpv');
  });

  it('locates a lon;lat file with decimal commas', () => {
    const r = cls('locate', `${T}/lon-lat-decimal-commas.csv`, '--as-of', '2024-06-30');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mairie de Lens;2,8313;50,4328;62498;cls;');
  });

  it('reads an Excel "Texte Unicode" registry (UTF-16 LE, tab-separated) like the UTF-8 one', () => {
    const utf16 = `${T}/registry-excel-unicode-utf16le-tab.txt`;
    // The same rows as UTF-8, decoded here independently of the product's reader.
    const utf8 = join(mkdtempSync(join(tmpdir(), 'cls-utf16-')), 'registre-utf8.txt');
    writeFileSync(utf8, new TextDecoder('utf-16le').decode(readFileSync(join(root, utf16))));
    const a = json('report', '--as-of', '2024-06-30', '--registry', utf16);
    const b = json('report', '--as-of', '2024-06-30', '--registry', utf8);
    expect(a.covered).toEqual(b.covered);
    expect(a.covered.communes).toBeGreaterThan(100);
  });

  it('a separator mix-up that rejects every row exits 1 and prints no figures', () => {
    const r = cls('report', '--registry', `${T}/registry-separator-mixup.csv`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/registry-separator-mixup\.csv : (en-tête inutilisable|aucune ligne acceptée)/);
  });

  it('a duplicated column is an error (exit 1), for the registry and for locate', () => {
    const r = cls('report', '--registry', `${T}/registry-duplicated-column.csv`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[signed_on] colonne « signed_on » en double');
    const l = cls('locate', `${T}/adresses-duplicated-column.csv`);
    expect(l.code).toBe(1);
    expect(l.stderr).toContain('colonne « lat » en double');
  });

  it('a year outside 2000–2100 is refused with its line; a future month gets a warning', () => {
    const r = cls('validate', `${T}/registry-year-out-of-range.csv`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'registry-year-out-of-range.csv:2 [signed_on] erreur : date de signature « 0999-06-15 » illisible',
    );
    expect(r.stdout).toContain(
      'registry-year-out-of-range.csv:3 [signed_on] erreur : date de signature « 0001-01-01 » illisible',
    );
    expect(r.stdout).toContain(
      'registry-year-out-of-range.csv:5 [signed_on] avertissement : date de signature mai 2099 dans le futur',
    );
  });

  it('quotes at most 200 characters of a bad value', () => {
    const r = cls('validate', `${T}/registry-huge-value.csv`);
    const line = r.stdout.split('\n').find((l) => l.includes('[doc_type]'))!;
    expect(line).toContain('(5000 caractères)');
    expect(line.length).toBeLessThan(400);
  });
});

describe('nothing silent: options (exit code 2)', () => {
  it.each([['--asof'], ['--as_of']])('%s names the closest valid option', (opt) => {
    const r = cls('report', opt, '2019-06-30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vouliez-vous dire --as-of ?');
    expect(r.stdout).toBe('');
  });

  it.each([
    [['report', '--registry=']],
    [['report', '--region=']],
    [['figures', '--format', 'json']],
    [['validate', '--kind', 'foo']],
    [['timeline', '--from', '2020-01-01', '--to', '2019-01-01']],
    [['report', '--verified-only=yes']],
  ])('%j is a usage error', (argv) => {
    const r = cls(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Erreur d'utilisation : /);
  });

  it('--verified-only is a flag: it does not swallow the file name', () => {
    const r = cls('locate', '--verified-only', `${T}/lon-lat-decimal-commas.csv`, '--as-of', '2024-06-30');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('62498');
  });

  it('locate --region of no ARS is a clear message naming the regions', () => {
    const r = cls('locate', `${T}/lon-lat-decimal-commas.csv`, '--region', '99');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--region 99 : pas une région d'ARS");
    expect(r.stderr).toContain('53 Bretagne');
  });
});

describe('nothing silent: engine and outputs', () => {
  it('a document id equal to a priority territory id does not replace its perimeter', async () => {
    const m = await loadModel({ registry: join(root, T, 'registry-id-like-priority-territory.csv') });
    const e = createCoverageEngine(m.model);
    const f = coverageFigures(e.coverageAt('2019-12-31'), e);
    const bassin = f.priority.details.find((d) => d.id === 'praps-bassin-minier')!;
    expect(bassin.communes).toBeGreaterThan(300);
    expect(bassin.state).toBe('partial');
  });

  it('locate on a header with no data row exits 1 (bug: "aucune ligne de données" with exit 0)', () => {
    const r = cls('locate', `${T}/locate-header-only.csv`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("aucune ligne de données après l'en-tête");
  });

  it('locate keeps a malformed row in the output with its error', () => {
    const r = cls('locate', `${T}/adresses-malformed-row.csv`, '--as-of', '2024-06-30');
    expect(r.code).toBe(1);
    const lines = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^Ligne cassée;2,8313;;;erreur;;"ligne mal formée : 2 champs au lieu de 3/);
    expect(lines[3]).toMatch(/^Mairie de Laon;3,6244;49,5641;02408;/);
  });

  it('overlay refuses a null feature, a zone without code, a duplicated code and a self-intersecting zone, by name', () => {
    const r = cls(
      'overlay',
      `${T}/zones-null-nocode-duplicate-bowtie.geojson`,
      '--as-of',
      '2024-06-30',
      '--format',
      'csv',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[not-a-feature] erreur : #1 : entité n° 1 : null');
    expect(r.stderr).toContain('[missing-id] erreur : #2 : zone sans propriété « code »');
    expect(r.stderr).toContain('[duplicate-id] erreur : Z1 : code « Z1 » en double (entités n° 3 et 4)');
    expect(r.stderr).toMatch(/\[self-intersection\] erreur : BOWTIE : /);
    const zones = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(zones).toEqual(['Z1', 'OK']);
  });

  it('a region without priority territories never says the target is reached', () => {
    const r = cls(
      'report',
      '--region',
      '11',
      '--registry',
      `${T}/registry-region-11-paris.csv`,
      '--as-of',
      '2020-06-30',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('aucun territoire prioritaire connu pour Île-de-France (11)');
    expect(r.stdout).toContain('--priority FICHIER');
    expect(r.stdout).not.toMatch(/atteint/);
    const p = cls('plan', '--region', '11', '--registry', `${T}/registry-region-11-paris.csv`, '--as-of', '2020-06-30');
    expect(p.stdout).toContain("aucun plan possible, l'objectif n'est pas mesurable");
    expect(p.stdout).not.toMatch(/atteint/);
  });

  it('plan prints the report caveats and never passes 100 %', () => {
    const r = json('plan', '--as-of', '2024-06-30');
    expect(r.notes.length).toBeGreaterThan(0);
    for (const s of r.steps) expect(s.cumulativeShare).toBeLessThanOrEqual(1 + 1e-9);
    const t = cls('plan', '--as-of', '2020-06-30');
    expect(t.stdout).toContain("le COG 2020 n'est pas livré");
  });

  it('piping into head ends quietly', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" --import tsx packages/cli/src/main.ts timeline --format csv | head -1`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.split('\n')[0]).toMatch(/date;type/);
  });

  it('report --format csv starts with a BOM, so that Excel keeps the accents', () => {
    const r = cls('report', '--as-of', '2024-06-30', '--format', 'csv');
    expect(r.stdout.charCodeAt(0)).toBe(0xfeff);
  });
});
