import { clipValue, type Diagnostic, type PriorityTerritory } from '@cls/core';
import { readTable } from './read-table.ts';
import type { XlsxOptions } from './xlsx-table.ts';

export interface QpvPopulationsResult {
  territories: PriorityTerritory[];
  diagnostics: Diagnostic[];
  /** QPV given a population. */
  applied: number;
  rejected: number;
  /** False when no row could be used: the caller must not go on as if populations were known. */
  usable: boolean;
}

/**
 * Reads a table of QPV populations (`id;population`, optional `year`, `source`, `label`; CSV or
 * `.xlsx`) and sets them on the matching priority territories. Unknown ids, duplicated ids, bad
 * numbers and a population above that of the QPV's communes are reported, never ignored.
 * @example (await applyQpvPopulations(territories, bytes, 'qpv.csv')).applied
 */
export async function applyQpvPopulations(
  territories: readonly PriorityTerritory[],
  bytes: Uint8Array,
  file: string,
  options: XlsxOptions & {
    /** Inhabitants of a territory's communes: a QPV population above it is refused. */
    communesPopulation?: (t: PriorityTerritory) => number;
  } = {},
): Promise<QpvPopulationsResult> {
  const schema = { required: ['id', 'population'], optional: ['year', 'source', 'label'] };
  const table = await readTable(bytes, file, schema, options);
  const diagnostics = [...table.diagnostics];
  const pops = new Map<string, number>();
  const byId = new Map(territories.map((t) => [t.id, t]));
  let rejected = table.malformed.length;
  const say = (line: number, field: string, message: string) => {
    diagnostics.push({ severity: 'error', file, line, field, message });
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
    else {
      const n = Number(raw);
      const most = options.communesPopulation?.(t);
      if (most !== undefined && n > most)
        say(
          line,
          'population',
          `population ${n.toLocaleString('fr-FR')} du QPV « ${clipValue(id)} » supérieure à celle de ses communes ` +
            `(${most.toLocaleString('fr-FR')}) : un quartier ne peut pas compter plus d'habitants que sa commune`,
        );
      else pops.set(id, n);
    }
  }
  return {
    territories: territories.map((t) => (pops.has(t.id) ? { ...t, population: pops.get(t.id)! } : t)),
    diagnostics,
    applied: pops.size,
    rejected,
    usable: table.headerOk && pops.size > 0,
  };
}
