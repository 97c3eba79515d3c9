import { clipValue, type Diagnostic, type PriorityTerritory } from '@cls/core';
import { readCsvTable } from './csv-table.ts';
import { InputFileError, readBytes, withErrors } from './registry-files.ts';

/**
 * Reads a file of QPV populations (`id;population`, optional `year`, `source`) and sets them on
 * the matching priority territories. Unknown ids, duplicated ids and bad numbers are reported,
 * never ignored; a file with no usable row throws (exit code 1).
 */
export function applyQpvPopulations(
  territories: readonly PriorityTerritory[],
  path: string,
): { territories: PriorityTerritory[]; diagnostics: Diagnostic[]; applied: number; rejected: number } {
  const table = readCsvTable(readBytes(path), path, {
    required: ['id', 'population'],
    optional: ['year', 'source', 'label'],
  });
  const diagnostics = [...table.diagnostics];
  const pops = new Map<string, number>();
  const byId = new Map(territories.map((t) => [t.id, t]));
  let rejected = table.malformed.length;
  const say = (line: number, field: string, message: string) => {
    diagnostics.push({ severity: 'error', file: path, line, field, message });
    rejected++;
  };
  for (const { line, values } of table.rows) {
    const id = values.id ?? '';
    const raw = (values.population ?? '').replace(/[\s\u202f\u00a0]/g, '');
    const t = byId.get(id);
    if (!/^\d+$/.test(raw))
      say(line, 'population', `population « ${clipValue(values.population ?? '')} » : un entier est attendu`);
    else if (!t) say(line, 'id', `territoire « ${clipValue(id)} » absent des territoires prioritaires`);
    else if (t.kind !== 'qpv') say(line, 'id', `« ${clipValue(id)} » est un territoire ${t.kind}, pas un QPV`);
    else if (pops.has(id)) say(line, 'id', `QPV « ${clipValue(id)} » en double`);
    else pops.set(id, Number(raw));
  }
  if (!table.headerOk || pops.size === 0) {
    throw new InputFileError(withErrors(`${path} : aucune population de QPV utilisable`, diagnostics));
  }
  return {
    territories: territories.map((t) => (pops.has(t.id) ? { ...t, population: pops.get(t.id)! } : t)),
    diagnostics,
    applied: pops.size,
    rejected,
  };
}
