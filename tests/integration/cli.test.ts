import { describe, expect, it } from 'vitest';
import { cls } from './run-cli.ts';

describe('pnpm cls …', () => {
  it('validate prints a summary by type and year and exits 0 on the shipped registry', () => {
    const r = cls('validate', 'data/registry/documents.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/28 lignes lues, 28 acceptées, 0 rejetée/);
    expect(r.stdout).toMatch(/Total\s+3\s+20\s+1\s+4\s+28/);
    expect(r.stdout).toMatch(/non vérifiés \(dates déduites ou à confirmer\) : 9/);
  });

  it('validate exits 1 and names file, line and field on a bad file', () => {
    const r = cls('validate', 'tests/fixtures/registry/duplicate-id.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'tests/fixtures/registry/duplicate-id.csv:3 [id] erreur : identifiant « x » en double (déjà ligne 2)',
    );
  });

  it('validate and figures read an .xlsx registry, first sheet or --sheet, and name a missing sheet', () => {
    const file = 'tests/fixtures/registry/excel-typed-cells.xlsx';
    const v = cls('validate', file);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(
      `Fichier : ${file} (classeur .xlsx, feuille « Registre » (2 feuilles : Registre, Notes))`,
    );
    expect(v.stdout).toMatch(/3 lignes lues, 2 acceptées, 1 rejetée \(ligne 5\)/);
    const f = cls('figures', '--registry', file, '--as-of', '2022-01-01');
    expect(f.code).toBe(1);
    expect(f.stdout).toMatch(/^Au 01\/01\/2022, 2 CLS et 0 charte d'engagement en vigueur, couvrant 37 communes/);
    const notes = cls('figures', '--registry', file, '--sheet', 'Notes');
    expect(notes.code).toBe(1);
    expect(notes.stderr).toMatch(/excel-typed-cells\.xlsx : en-tête inutilisable/);
    expect(notes.stderr).toMatch(/colonnes obligatoires absentes .*feuille « Notes »/);
    // A sheet asked of a CSV is said, not silently ignored.
    const csv = cls('figures', '--registry', 'tests/fixtures/registry/lens-only.csv', '--sheet', 'CLS');
    expect(csv.stderr).toContain('option feuille « CLS » ignorée : le fichier est un CSV');
  });

  it('report --format json carries the documented fields', () => {
    const r = cls('report', '--as-of', '2019-09-30', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      asOf: '2019-09-30',
      cog: 2019,
      region: { code: '32', communes: 3789, population: 6_002_372 },
    });
    for (const k of ['communes', 'population', 'populationShare']) expect(j.covered).toHaveProperty(k);
    for (const k of [
      'known',
      'praps',
      'qpv',
      'measure',
      'measureLabel',
      'population',
      'populationCovered',
      'populationShare',
      'target',
      'gap',
    ])
      expect(j.priority).toHaveProperty(k);
    expect(j.byDepartment.map((d: { code: string }) => d.code)).toEqual(['02', '59', '60', '62', '80']);
    expect(Object.keys(j.byDepartment[0])).toEqual(
      expect.arrayContaining(['code', 'communes', 'population', 'coveredCommunes', 'coveredPopulation']),
    );
    expect(j.documents).toEqual({
      charte: expect.any(Number),
      cls: expect.any(Number),
      avenant: expect.any(Number),
      renouvellement: expect.any(Number),
    });
  });

  it('report --format csv is ;-separated with decimal commas and a total line', () => {
    const r = cls('report', '--as-of', '2024-06-30', '--format', 'csv', '--by', 'epci');
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const [data, total, source] = r.stdout
      .slice(1)
      .trim()
      .split('\r\n\r\n')
      .map((s) => s.split('\r\n'));
    expect(data![0]).toBe(
      'siren;nom;communes;population;communes_couvertes;population_couverte;part_population_couverte;communes_cls;population_cls',
    );
    // 92 EPCI, and the total in its own section, never as a data row.
    expect(data).toHaveLength(1 + 92);
    expect(data!.some((l) => l.startsWith('total'))).toBe(false);
    expect(total![1]).toMatch(/^région 32;3788;5998916;\d+;\d+;0,\d{4};/);
    expect(source![1]).toMatch(/^2024-06-30;2024;2021;COG 2024/);
  });

  it('figures prints the French sentence', () => {
    const r = cls('figures', '--as-of', '2025-12-31');
    expect(r.stdout).toMatch(
      /^Au 31\/12\/2025, \d+ CLS et \d+ charte.* en vigueur, couvrant \d+ communes et 1,\d million d'habitants ; \d+,\d\u00a0% de la population des communes PRAPS est couverte \(objectif 75\u00a0%\)\./,
    );
    // Two PRAPS territories: a count, never a share (0, 50 or 100 % would read as a measure); 204 QPV: a share.
    expect(r.stdout).toMatch(/^Territoires PRAPS entièrement couverts : \d sur 2(, \d en partie)?\.$/m);
    expect(r.stdout).toMatch(/^Quartiers prioritaires \(QPV\) entièrement couverts : \d+ sur 204 \(\d+\u00a0%\)/m);
  });

  it('a bad option gets a clear French error', () => {
    const r = cls('report', '--as-of', '31/02/2024');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of « 31/02/2024 » : date AAAA-MM-JJ attendue');
  });

  it('locate adds insee, status and documents, and reports bad rows by line', () => {
    const r = cls('locate', 'tests/fixtures/locate/adresses.csv', '--as-of', '2024-06-30');
    const lines = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('nom;adresse;longitude;latitude;insee;status;documents;erreur');
    expect(lines[1]).toBe(
      'Mairie de Lens;Place Jean Jaurès;2,8313;50,4328;62498;cls;lens-lievin-cls-2019|lens-lievin-avenant-2023;',
    );
    expect(lines[3]).toMatch(/;hors-region;;$/);
    expect(lines).toHaveLength(6);
    expect(lines[4]).toMatch(/;erreur;;coordonnées \(703000, 7059000\) hors longitude\/latitude/);
    expect(r.stderr).toContain(
      'adresses.csv:5 [longitude/latitude] erreur : coordonnées (703000, 7059000) hors longitude/latitude : Lambert-93 (EPSG:2154) probable',
    );
    expect(r.stderr).toContain('adresses.csv:6 [longitude/latitude] erreur : coordonnées illisibles');
    expect(r.code).toBe(1);
  });

  it('timeline --format csv has one row per signing date and month end', () => {
    const r = cls('timeline', '--from', '2019-01-01', '--to', '2019-12-31', '--format', 'csv');
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]!.startsWith('date;type;signes_ce_jour;signes_dans_le_mois_ou_l_annee;cog;')).toBe(true);
    expect(lines.filter((l) => l.startsWith('2019-09-25;signature;lens-lievin-cls-2019;;2019;'))).toHaveLength(1);
    // Soissons signed in September 2019, day unknown: it counts from the month's end, not as a signing day.
    expect(lines.filter((l) => l.startsWith('2019-09-30;fin de mois;;soissons-cls-2019;2019;'))).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(12);
  });
});

describe('pnpm cls overlay', () => {
  it('gives each zone its covered share, splits population by area, and rejects Lambert-93 zones by code', () => {
    const r = cls(
      'overlay',
      'tests/fixtures/overlay/zones.geojson',
      '--as-of',
      '2019-12-31',
      '--registry',
      'tests/fixtures/registry/lens-only.csv',
      '--format',
      'csv',
    );
    const rows = r.stdout
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(';'));
    expect(rows[0]).toEqual([
      'zone',
      'surface_km2',
      'part_couverte',
      'communes',
      'population',
      'population_couverte',
      'estimation',
    ]);
    const both = rows.find((x) => x[0] === 'Z-LENS-LIEVIN')!;
    const share = Number(both[2]!.replace(',', '.'));
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
    expect(Number(both[5])).toBe(Math.round(5000 * share));
    expect(both[6]).toBe('oui');
    expect(rows.find((x) => x[0] === 'Z-LENS')!.slice(2)).toEqual(['1', '62498', '1000', '1000', 'non']);
    expect(rows.some((x) => x[0] === 'Z-L93')).toBe(false);
    expect(r.stderr).toContain('Z-L93 : coordonnées (703000, 7059000) en mètres, Lambert-93 (EPSG:2154) probable');
    expect(r.code).toBe(1);
  });
});
