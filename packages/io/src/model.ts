import type { CoverageModel, Diagnostic, RegionCode } from '@cls/core';
import { COG_YEARS } from './cog-versions.ts';
import { dataPath } from './data-files.ts';
import { loadReference } from './reference.ts';
import { loadDocuments, loadPriorityTerritories } from './registry-files.ts';
import { applyQpvPopulations } from './qpv-populations.ts';

export interface LoadModelOptions {
  /** Registry of documents (default: the shipped `data/registry/documents.csv`). */
  registry?: string;
  /** Priority territories (default: the shipped `data/registry/priority-territories.csv`). */
  priority?: string;
  /** Optional file `id;population` giving QPV populations. */
  qpvPopulations?: string;
  region?: RegionCode;
  /** Keep only rows marked verified=yes. */
  verifiedOnly?: boolean;
  today?: string;
}

export interface LoadedModel {
  model: CoverageModel;
  files: { registry: string; priority: string; qpvPopulations: string | null };
  diagnostics: Diagnostic[];
  rejected: number;
}

/**
 * Loads everything the coverage engine needs from files: the registry, the priority territories
 * (and QPV populations if given), and the reference of each COG year on demand.
 */
export function loadModel(options: LoadModelOptions = {}): LoadedModel {
  const region = options.region ?? '32';
  const registry = options.registry ?? dataPath('registry', 'documents.csv');
  const priorityFile = options.priority ?? dataPath('registry', 'priority-territories.csv');
  const docs = loadDocuments(registry, { region, ...(options.today ? { today: options.today } : {}) });
  const prio = loadPriorityTerritories(priorityFile, { region });
  const diagnostics = [...docs.diagnostics, ...prio.diagnostics];
  let priority = prio.accepted;
  if (options.qpvPopulations) {
    const r = applyQpvPopulations(priority, options.qpvPopulations);
    priority = r.territories;
    diagnostics.push(...r.diagnostics);
  }
  const documents = options.verifiedOnly ? docs.accepted.filter((d) => d.verified) : docs.accepted;
  return {
    model: { documents, priority, referenceFor: (cog) => loadReference(cog, { region }), cogYears: COG_YEARS },
    files: { registry, priority: priorityFile, qpvPopulations: options.qpvPopulations ?? null },
    diagnostics,
    rejected: docs.rejectedLines.length + prio.rejectedLines.length,
  };
}
