import { readFileSync } from 'node:fs';
import type { Diagnostic, PriorityTerritory } from '@cls/core';
import { readCsvTable } from './csv-table.ts';

/**
 * Reads a file of QPV populations (`id;population`, optional `year`, `source`) and sets them on
 * the matching priority territories. Unknown ids and bad numbers are reported, never ignored.
 */
export function applyQpvPopulations(
  territories: readonly PriorityTerritory[],
  path: string,
): { territories: PriorityTerritory[]; diagnostics: Diagnostic[] } {
  const table = readCsvTable(readFileSync(path), path, {
    required: ['id', 'population'],
    optional: ['year', 'source', 'label'],
  });
  const diagnostics = [...table.diagnostics];
  const pops = new Map<string, number>();
  const ids = new Set(territories.map((t) => t.id));
  for (const { line, values } of table.rows) {
    const raw = (values.population ?? '').replace(/[\s\u202f\u00a0]/g, '');
    if (!/^\d+$/.test(raw)) {
      diagnostics.push({
        severity: 'error',
        file: path,
        line,
        field: 'population',
        message: `population « ${values.population} » : un entier est attendu`,
      });
      continue;
    }
    if (!ids.has(values.id ?? '')) {
      diagnostics.push({
        severity: 'error',
        file: path,
        line,
        field: 'id',
        message: `territoire « ${values.id} » absent des territoires prioritaires`,
      });
      continue;
    }
    pops.set(values.id!, Number(raw));
  }
  return {
    territories: territories.map((t) => (pops.has(t.id) ? { ...t, population: pops.get(t.id)! } : t)),
    diagnostics,
  };
}
