import {
  type CogYear,
  type CoverageModel,
  type Diagnostic,
  type RegionCode,
  territoryCommunesPopulation,
} from '@cls/core';
import { COG_YEARS } from './cog-versions.ts';
import { registryFiles } from './data-files.ts';
import { loadQpvPopulations } from './qpv-populations.ts';
import { regionReference } from './built-data.ts';
import { unusableReason, withErrors } from '@cls/tables';
import { InputFileError, loadDocuments, loadPriorityTerritories } from './registry-files.ts';

export interface LoadModelOptions {
  /** Registry of documents, CSV or `.xlsx` (default: the region's shipped one, see registryFiles). */
  registry?: string;
  /** Sheet of an `.xlsx` registry (default: the first). */
  sheet?: string;
  /** Priority territories (default: the region's shipped file, if any; null: none known). */
  priority?: string | null;
  /** Optional file `id;population` giving QPV populations. */
  qpvPopulations?: string;
  region?: RegionCode;
  /** Keep only rows marked verified=yes. */
  verifiedOnly?: boolean;
  today?: string;
}

export interface LoadedModel {
  model: CoverageModel;
  files: { registry: string; priority: string | null; qpvPopulations: string | null };
  /** How the registry was read: "registre.xlsx, feuille « CLS »" for a workbook, the path for a CSV. */
  registryLabel: string;
  diagnostics: Diagnostic[];
  /** Rows left out, per file (each has an error diagnostic). */
  rejected: { registry: number; priority: number; qpvPopulations: number };
}

/**
 * Loads everything the coverage engine needs from files: the registry, the priority territories
 * (and QPV populations if given), and the reference of each COG year on demand. A file that cannot
 * be used at all (unreadable, no usable header, no row accepted) throws an InputFileError naming it:
 * figures from an empty registry would look like an answer.
 */
export async function loadModel(options: LoadModelOptions = {}): Promise<LoadedModel> {
  const region = options.region ?? '32';
  const shipped = registryFiles(region);
  const registry = options.registry ?? shipped.documents;
  if (!registry)
    throw new InputFileError(
      `région ${region} : aucun registre livré (data/registry/${region}/documents.csv absent) ; ` +
        'donnez le vôtre avec --registry fichier.csv (ou .xlsx)',
    );
  const priorityFile = options.priority === undefined ? shipped.priority : options.priority;
  const docs = await loadDocuments(registry, {
    region,
    ...(options.today ? { today: options.today } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  const docsUnusable = unusableReason(docs);
  if (docsUnusable) throw new InputFileError(withErrors(docsUnusable, docs.diagnostics));
  const prio = priorityFile
    ? await loadPriorityTerritories(priorityFile, { region })
    : { accepted: [], diagnostics: [], rejectedLines: [], headerOk: true, rowCount: 0 };
  // An empty priority file is allowed (a region without known priority territories), an unreadable one is not.
  if (priorityFile && (!prio.headerOk || (prio.rowCount > 0 && prio.accepted.length === 0))) {
    throw new InputFileError(withErrors(`${priorityFile} : aucun territoire prioritaire utilisable`, prio.diagnostics));
  }
  const diagnostics = [...docs.diagnostics, ...prio.diagnostics];
  let priority = prio.accepted;
  let qpvRejected = 0;
  if (options.qpvPopulations) {
    // A QPV cannot hold more inhabitants than its communes.
    const referenceFor = (cog: CogYear) => regionReference(cog, region);
    const r = await loadQpvPopulations(priority, options.qpvPopulations, (t) =>
      territoryCommunesPopulation(t, referenceFor, COG_YEARS),
    );
    priority = r.territories;
    qpvRejected = r.rejected;
    diagnostics.push(...r.diagnostics);
  }
  const documents = options.verifiedOnly ? docs.accepted.filter((d) => d.verified) : docs.accepted;
  return {
    model: { documents, priority, referenceFor: (cog) => regionReference(cog, region), cogYears: COG_YEARS },
    files: { registry, priority: priorityFile, qpvPopulations: options.qpvPopulations ?? null },
    registryLabel: docs.source.format === 'xlsx' ? `${registry}, feuille « ${docs.source.sheet} »` : registry,
    diagnostics,
    rejected: { registry: docs.rejectedLines.length, priority: prio.rejectedLines.length, qpvPopulations: qpvRejected },
  };
}
