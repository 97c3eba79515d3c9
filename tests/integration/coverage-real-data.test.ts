import { describe, expect, it } from 'vitest';
import {
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  formatPercent,
  planToTarget,
  timeline,
  type CoverageModel,
  type RegistryDocument,
} from '@cls/core';
import { COG_YEARS, loadModel, loadReference } from '@cls/io';

/** The shipped registry's model, loaded once for the suites below. */
const shipped = await loadModel({ today: '2026-11-23' });

const region32 = (cog: number) => loadReference(cog, { region: '32' });
const doc = (
  id: string,
  perimeter: string[],
  docType: RegistryDocument['docType'],
  signedOn: string,
): RegistryDocument => ({
  id,
  territory: id,
  perimeter,
  docType,
  signedOn,
  signedPrecision: 'day',
  endsOn: null,
  generation: 2,
  verified: true,
  sourceUrl: 'https://example.org',
  evidence: 'q',
  line: 2,
});
const modelOf = (documents: RegistryDocument[]): CoverageModel => ({
  documents,
  priority: [],
  referenceFor: region32,
  cogYears: COG_YEARS,
});

describe('coverage on the real reference data', () => {
  it('Lens-Liévin alone on 2019-09-30 covers 36 communes and 242,386 inhabitants (COG 2019)', () => {
    const e = createCoverageEngine(modelOf([doc('call', ['246200364'], 'cls', '2019-09-25')]));
    const f = coverageFigures(e.coverageAt('2019-09-30'), e);
    expect(f.cog).toBe(2019);
    expect(f.covered).toMatchObject({ communes: 36, population: 242_386, clsCommunes: 36 });
    expect(f.byDepartment.find((d) => d.code === '62')).toMatchObject({
      coveredCommunes: 36,
      coveredPopulation: 242_386,
    });
  });

  it('Amiens alone covers 1 commune', () => {
    const e = createCoverageEngine(modelOf([doc('amiens', ['80021'], 'cls', '2019-10-02')]));
    const f = coverageFigures(e.coverageAt('2019-12-31'), e);
    expect(f.covered.communes).toBe(1);
    expect(f.covered.population).toBe(133_755);
  });

  it('a charte then a CLS on the same EPCI shows charte then cls', () => {
    const e = createCoverageEngine(
      modelOf([doc('ch', ['200042190'], 'charte', '2022-03-18'), doc('cls', ['200042190'], 'cls', '2023-11-09')]),
    );
    const before = e.coverageAt('2022-06-30');
    const after = e.coverageAt('2024-06-30');
    const denain = (c: typeof before) => c.communes.find((x) => x.code === '59172')!.status;
    expect(denain(before)).toBe('charte');
    expect(denain(after)).toBe('cls');
  });

  // The DGCL `populationMunicipale` of epci.json is not always of the same census vintage as the
  // communes' populations in the same package version (it lags by one or two years in most
  // versions): the engine's sum equals it exactly only where the vintages coincide. See README.
  it('for every EPCI of each year, covered population = its communes, and agrees with the DGCL figure', () => {
    const exact: Record<number, number> = {};
    for (const cog of COG_YEARS) {
      const ref = region32(cog);
      const popOf = new Map(ref.communes.map((c) => [c.code, c.population]));
      const inside = ref.epcis.filter((ep) => ep.members.every((m) => ref.regionOfCode.get(m) === '32'));
      expect(inside.length).toBeGreaterThan(85);
      const e = createCoverageEngine(modelOf(inside.map((ep) => doc(ep.siren, [ep.siren], 'cls', `${cog}-06-01`))));
      const f = coverageFigures(e.coverageAt(`${cog}-12-31`), e);
      exact[cog] = 0;
      for (const ep of inside) {
        const row = f.byEpci.find((r) => r.code === ep.siren)!;
        expect(row.coveredPopulation, `${cog} ${ep.name}`).toBe(ep.members.reduce((s, m) => s + popOf.get(m)!, 0));
        expect(row.coveredCommunes).toBe(ep.members.length);
        expect(Math.abs(row.coveredPopulation / ep.population - 1), `${cog} ${ep.name} vs DGCL`).toBeLessThan(0.05);
        if (row.coveredPopulation === ep.population) exact[cog]++;
      }
      expect(f.byDepartment.reduce((s, d) => s + d.coveredPopulation, 0)).toBe(f.covered.population);
      expect(f.byDepartment.reduce((s, d) => s + d.population, 0)).toBe(f.region.population);
    }
    // Same vintage (census 2016 in COG 2019, census 2019 in COG 2023): exact for most EPCI.
    expect(exact[2019]).toBeGreaterThanOrEqual(75);
    expect(exact[2023]).toBeGreaterThanOrEqual(85);
  });

  it('a perimeter signed in 2019 follows the merges into the as-of year', () => {
    // CA du Soissonnais 2019 members include Berzy-le-Sec (02077), merged into Bernoy-le-Château (02564) by 2024.
    const e = createCoverageEngine(modelOf([doc('gs', ['240200477'], 'cls', '2019-06-01')]));
    const c19 = e.coverageAt('2019-12-31');
    const c24 = e.coverageAt('2024-12-31');
    expect(c19.communes.find((c) => c.code === '02077')!.status).toBe('cls');
    expect(c24.communes.find((c) => c.code === '02564')!.status).toBe('cls');
    expect(c24.communes.filter((c) => c.status === 'cls').length).toBe(
      c19.communes.filter((c) => c.status === 'cls').length - 1,
    );
  });
});

describe('the shipped registry', () => {
  const model = shipped.model;
  const e = createCoverageEngine(model);

  it('gives consistent figures at every month end and signing date', () => {
    const points = timeline(e, { to: '2026-11-23' });
    expect(points[0]!.date).toBe(model.documents.map((d) => d.signedOn).sort()[0]);
    expect(points.filter((p) => p.kind !== 'month-end').length).toBeGreaterThan(15);
    for (const p of points) {
      const f = p.figures;
      expect(f.covered.communes).toBeLessThanOrEqual(f.region.communes);
      expect(f.byDepartment.reduce((s, d) => s + d.coveredPopulation, 0)).toBe(f.covered.population);
      expect(f.priority.populationCovered).toBeLessThanOrEqual(f.priority.population);
    }
  });

  it('writes the ARS sentence in French with French numbers', () => {
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    const s = figuresSentence(f);
    expect(s).toMatch(/^Au 30\/06\/2024, \d+ CLS et \d+ charte/);
    expect(s).toMatch(
      /couvrant \d+ communes et 1,\d million d'habitants ; \d+,\d\u00a0% de la population des communes PRAPS est couverte \(objectif 75\u00a0%\)\.$/,
    );
    // The sentence's share is the target's own measure.
    expect(s).toContain(formatPercent(f.priority.populationShare, 1));
  });

  it('the plan reaches the target with the smallest number of EPCI', () => {
    const plan = planToTarget(e, '2026-11-23');
    expect(plan.smallestSetSize).not.toBeNull();
    const chosen = plan.steps.filter((s) => s.reachesTarget);
    expect(chosen).toHaveLength(plan.smallestSetSize!);
    const need = Math.ceil(plan.target * plan.population);
    expect(plan.populationCovered + chosen.reduce((s, x) => s + x.addedPopulation, 0)).toBeGreaterThanOrEqual(need);
    // One fewer (the largest ones) would not do.
    expect(plan.populationCovered + chosen.slice(0, -1).reduce((s, x) => s + x.addedPopulation, 0)).toBeLessThan(need);
    for (let i = 1; i < plan.steps.length; i++)
      expect(plan.steps[i]!.addedPopulation).toBeLessThanOrEqual(plan.steps[i - 1]!.addedPopulation);
  });
});

describe('packed references (what the map loads)', () => {
  it('give the same coverage figures as the full references, at every year', async () => {
    const { packReference, unpackReference } = await import('@cls/core');
    const { model } = await loadModel({ today: '2026-11-23' });
    const packed = new Map(
      COG_YEARS.map((y) => [y, unpackReference(JSON.parse(JSON.stringify(packReference(loadReference(y)))))]),
    );
    const full = createCoverageEngine(model);
    const light = createCoverageEngine({ ...model, referenceFor: (y) => packed.get(y)! });
    for (const d of [
      '2019-06-30',
      '2019-12-31',
      '2021-07-31',
      '2022-12-31',
      '2023-12-31',
      '2024-06-30',
      '2025-06-30',
      '2026-11-23',
    ]) {
      const a = coverageFigures(full.coverageAt(d), full);
      const b = coverageFigures(light.coverageAt(d), light);
      expect(b.covered, d).toEqual(a.covered);
      expect(b.priority.populationCovered, d).toBe(a.priority.populationCovered);
      expect(b.byDepartment, d).toEqual(a.byDepartment);
      expect(
        b.byEpci.map((e) => [e.code, e.coveredPopulation]),
        d,
      ).toEqual(a.byEpci.map((e) => [e.code, e.coveredPopulation]));
    }
  });
});

describe('incremental timeline on the shipped registry', () => {
  it('gives at every date the figures of coverageAt (every signing day and month end, 2013 to 2026)', async () => {
    const { model } = await loadModel({ today: '2026-11-23' });
    const engine = createCoverageEngine(model);
    const points = timeline(engine, { to: '2026-11-23' });
    expect(points.length).toBeGreaterThan(150);
    for (const p of points) expect(p.figures).toEqual(coverageFigures(engine.coverageAt(p.date), engine));
  });
});
