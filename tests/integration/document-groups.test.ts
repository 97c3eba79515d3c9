import { describe, expect, it } from 'vitest';
import { coverageFigures, createCoverageEngine, documentCommuneRows } from '@cls/core';
import { loadModel, loadUndatedDocuments, registryFiles } from '@cls/io';
import { DOCUMENT_GROUPINGS, documentGroupsCsv, groupDocuments } from '@cls/tables';

/** The registry regrouped for the analyst, on the shipped registry, checked against the engine's own figures. */
const { model } = await loadModel();
const registry = { undated: (await loadUndatedDocuments(registryFiles('32').undated!)).accepted };
const engine = createCoverageEngine(model);
const asOf = '2024-06-30';
const coverage = engine.coverageAt(asOf);
const figures = coverageFigures(coverage, engine);
const rows = documentCommuneRows(engine, coverage, registry.undated);
const documents = model.documents.length + registry.undated.length;

describe('the documents regrouped (arquero)', () => {
  it('by department: each department’s covered communes and inhabitants are the engine’s', () => {
    const g = groupDocuments(rows, 'department', { asOf });
    for (const d of figures.byDepartment) {
      const row = g.groups.find((x) => x.key === d.code);
      expect(row?.communesCovered ?? 0).toBe(d.coveredCommunes);
      expect(row?.populationCovered ?? 0).toBe(d.coveredPopulation);
    }
    // The total counts each commune once: the region's covered figures, not the departments' sum.
    expect(g.total.communesCovered).toBe(figures.covered.communes);
    expect(g.total.populationCovered).toBe(figures.covered.population);
    expect(g.total.documents).toBe(documents);
    expect(g.total.inForce).toBe(coverage.inForce.length);
    // A document over two departments counts in both.
    expect(g.groups.reduce((n, x) => n + x.documents, 0)).toBeGreaterThanOrEqual(documents);
  });

  it('by EPCI: each EPCI’s covered communes are the engine’s', () => {
    const epcis = new Map(coverage.reference.epcis.map((e) => [e.siren, e.name]));
    const g = groupDocuments(rows, 'epci', { asOf, epcis });
    for (const e of figures.byEpci.filter((x) => x.coveredCommunes > 0)) {
      const row = g.groups.find((x) => x.key === e.code)!;
      expect(row.communesCovered).toBe(e.coveredCommunes);
      expect(row.label).toBe(epcis.get(e.code));
    }
  });

  it('by type and by year: every document in exactly one group; undated last', () => {
    const byType = groupDocuments(rows, 'type', { asOf });
    expect(byType.groups.map((x) => x.label)).toEqual(
      ['Charte d’engagement', 'CLS', 'Avenant', 'Renouvellement'].filter((l) =>
        byType.groups.some((x) => x.label === l),
      ),
    );
    expect(byType.groups.reduce((n, x) => n + x.documents, 0)).toBe(documents);
    const cls = byType.groups.find((x) => x.key === 'cls')!;
    expect(cls.cls).toBe(cls.documents);
    const byYear = groupDocuments(rows, 'year', { asOf });
    expect(byYear.groups.reduce((n, x) => n + x.documents, 0)).toBe(documents);
    expect(byYear.groups.at(-1)).toMatchObject({ key: null, label: 'sans date', documents: registry.undated.length });
    expect(byYear.groups.filter((x) => x.key).map((x) => x.key)).toEqual(
      [...new Set(model.documents.map((d) => d.signedOn.slice(0, 4)))].sort(),
    );
  });

  it('by priority territory: the communes of a PRAPS territory covered are those the engine counts', () => {
    const territories = new Map(model.priority.map((t) => [t.id, t.label]));
    const g = groupDocuments(rows, 'territory', { asOf, territories });
    const praps = model.priority.filter((t) => t.kind === 'praps');
    expect(praps.length).toBeGreaterThan(0);
    const states = coverage.communes;
    for (const t of praps) {
      const covered = [...engine.territoryCommunes(t, coverage.cog)].filter((i) => states[i]!.status !== 'none');
      const row = g.groups.find((x) => x.key === t.id);
      expect(row?.communesCovered ?? 0).toBe(covered.length);
    }
  });

  it('sorts by a measure, largest first, and writes the CSV through the one writer', () => {
    const g = groupDocuments(rows, 'department', { asOf, sort: 'populationCovered', descending: true });
    const pops = g.groups.map((x) => x.populationCovered);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    const csv = documentGroupsCsv(g);
    expect(csv.startsWith('\uFEFFdepartement;libelle;documents;en_vigueur;')).toBe(true);
    expect(csv).toContain(`\r\n\r\ntotal;Total (chaque document et chaque commune une fois);${documents};`);
    expect(DOCUMENT_GROUPINGS).toHaveLength(5);
  });
});
