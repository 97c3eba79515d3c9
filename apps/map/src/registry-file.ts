import {
  DOCUMENT_COLUMNS,
  territoryCommunesPopulation,
  registryFileReport,
  type BuiltRegistryFile,
  type CogYear,
  type Diagnostic,
  type RawRow,
  type Reference,
} from '@cls/core';
import { sha256Hex } from './checksum.ts';
import type { Manifest, RegistryFile } from './data.ts';

/** What a file loaded in the page holds: documents, priority territories or QPV populations. */
export type LoadedKind = 'documents' | 'priority' | 'qpv';

/** A file the user gave the page: its name and bytes (never sent anywhere). */
export interface UserFile {
  name: string;
  bytes: Uint8Array;
  /** Sheet of a workbook (default: the first). */
  sheet?: string;
}

export interface UserFileResult {
  kind: LoadedKind;
  /** The registry with the file's rows in place of the shipped ones, or null when the file cannot be used. */
  registry: RegistryFile | null;
  /** Rows, rejections and every problem (line, field), as the build reports the shipped files. */
  report: BuiltRegistryFile;
  /** How the file was read ("classeur .xlsx, feuille « CLS »"). */
  read: string;
  /** Sheets of a workbook (empty for a CSV). */
  sheets: readonly string[];
  /** Why the file cannot be used at all, or null. */
  unusable: string | null;
  /** The documents table's rows as read, accepted or not (empty for another table). */
  rows: RawRow[];
}

/** Which registry table a header is: a document registry unless it has the columns of another. */
export function kindOfColumns(columns: readonly string[]): LoadedKind {
  const has = (c: string) => columns.includes(c);
  if (has('doc_type') || has('signed_on')) return 'documents';
  if (has('kind') && has('since')) return 'priority';
  if (has('population') && !has('kind')) return 'qpv';
  return 'documents';
}

/**
 * Reads a registry file in the page with the CLI's reader and validation (@cls/tables, loaded on
 * first use): documents replace the registry's documents, priority territories its territories,
 * QPV populations are set on its QPV. Nothing leaves the browser.
 * @example await readUserFile({ name: 'registre.xlsx', bytes }, shipped, { referenceFor, cogYears })
 */
export async function readUserFile(
  file: UserFile,
  current: RegistryFile,
  options: { referenceFor: (cog: CogYear) => Reference; cogYears: readonly CogYear[]; today: string },
): Promise<UserFileResult> {
  const tables = await import('@cls/tables');
  const xlsx = file.sheet !== undefined ? { sheet: file.sheet } : {};
  // A first look, French headers read as the columns they name, to know which table the file is.
  const head = await tables.readTable(
    file.bytes,
    file.name,
    { required: [], keepOtherColumns: true, aliasesFor: [...DOCUMENT_COLUMNS, 'kind', 'since', 'population'] },
    xlsx,
  );
  const kind = kindOfColumns(head.columns);
  const parse = { ...options, ...xlsx };
  const hash = await sha256Hex(file.bytes);
  const read = tables.describeSource(head);
  const sheets = head.source.format === 'xlsx' ? head.source.sheets : [];
  const report = (rows: number, rejected: number, diagnostics: Diagnostic[]): BuiltRegistryFile =>
    registryFileReport({ path: file.name, sha256: hash, rows, rejected }, diagnostics);
  if (kind === 'qpv') {
    const r = await tables.applyQpvPopulations(current.priority, file.bytes, file.name, {
      ...xlsx,
      // A QPV cannot hold more inhabitants than its communes.
      communesPopulation: (t) => territoryCommunesPopulation(t, options.referenceFor, options.cogYears),
    });
    const usable = r.usable ? null : `${file.name} : aucune population de QPV utilisable`;
    return {
      kind,
      registry: usable ? null : { ...current, priority: r.territories },
      report: report(r.applied + r.rejected, r.rejected, r.diagnostics),
      read,
      sheets,
      unusable: usable,
      rows: [],
    };
  }
  const t =
    kind === 'priority'
      ? await tables.parsePriorityTerritories(file.bytes, file.name, parse)
      : await tables.parseDocuments(file.bytes, file.name, parse);
  const unusable = tables.unusableReason(t);
  const built = report(t.rowCount, t.rejectedLines.length, t.diagnostics);
  let registry: RegistryFile | null = null;
  if (!unusable) {
    registry =
      kind === 'priority'
        ? { ...current, priority: t.accepted as RegistryFile['priority'], files: { ...current.files, priority: built } }
        : {
            ...current,
            documents: t.accepted as RegistryFile['documents'],
            // The undated documents shipped belong to the shipped registry, not to the user's.
            undated: [],
            files: { ...current.files, documents: built },
          };
  }
  return { kind, registry, report: built, read, sheets, unusable, rows: kind === 'documents' ? t.rows : [] };
}

/**
 * readUserFile in a worker, so that a large file never freezes the page; where a worker cannot be
 * started or loaded, in the page (the same reader, the same result). A problem of the file itself is
 * thrown as readUserFile throws it.
 */
export async function readUserFileOffThread(
  file: UserFile,
  current: RegistryFile,
  manifest: Manifest,
  options: { referenceFor: () => Promise<(cog: CogYear) => Reference>; today: string },
): Promise<UserFileResult> {
  type Reply = { ok: true; result: UserFileResult } | { ok: false; message: string } | { failed: true };
  let reply: Reply = { failed: true };
  try {
    const w = new Worker(new URL('./registry-worker.ts', import.meta.url), { type: 'module' });
    reply = await new Promise<Reply>((resolve) => {
      w.onmessage = (e) => resolve(e.data as Reply);
      w.onerror = () => resolve({ failed: true });
      w.postMessage({ file, current, manifest, base: new URL('./', location.href).href, today: options.today });
    }).finally(() => w.terminate());
  } catch {
    reply = { failed: true };
  }
  if ('ok' in reply) {
    if (reply.ok) return reply.result;
    throw new Error(reply.message);
  }
  return readUserFile(file, current, {
    referenceFor: await options.referenceFor(),
    cogYears: manifest.years.map((y) => y.cog),
    today: options.today,
  });
}
