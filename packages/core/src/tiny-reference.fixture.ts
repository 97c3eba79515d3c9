import type { Commune, Epci, Reference } from './types.ts';

/**
 * A hand-made region for unit tests: region "99", two departments, two EPCI.
 *   E1 (200000001): A 99001 (100), B 99002 (200), C 99003 (300)
 *   E2 (200000002): D 98004 (1000), E 98005 (50)
 * plus a commune of region "11" (75056) and old code 99009 merged into 99001.
 */
export function tinyReference(cog = 2024): Reference {
  const communes: Commune[] = [
    { code: '99001', name: 'A', department: '99', region: '99', population: 100, epci: '200000001' },
    { code: '99002', name: 'B', department: '99', region: '99', population: 200, epci: '200000001' },
    { code: '99003', name: 'C', department: '99', region: '99', population: 300, epci: '200000001' },
    { code: '98004', name: 'D', department: '98', region: '99', population: 1000, epci: '200000002' },
    { code: '98005', name: 'E', department: '98', region: '99', population: 50, epci: '200000002' },
  ];
  const epcis: Epci[] = [
    { siren: '200000001', name: 'CC Un', type: 'CC', members: ['99001', '99002', '99003'], population: 600 },
    { siren: '200000002', name: 'CA Deux', type: 'CA', members: ['98004', '98005'], population: 1050 },
  ];
  return {
    cog,
    populationYear: cog - 3,
    populationNote: null,
    source: 'test',
    region: '99',
    communes,
    epcis,
    successions: { '99009': { to: '99001', kind: 'deleguee' } },
    regionOfCode: new Map([...communes.map((c): [string, string] => [c.code, '99']), ['75056', '11']]),
    regionsOfEpci: { '200000001': ['99'], '200000002': ['99'], '200000003': ['11'] },
  };
}
