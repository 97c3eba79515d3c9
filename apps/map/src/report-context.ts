import { openEndedDocuments, type RegistryCompleteness, type ReportContext } from '@cls/core';
import type { AppContext, Snapshot } from './context.ts';
import type { RegistryFile } from './data.ts';

/** What the registry shown holds: its documents, the unverified, the undated, the rows rejected of read. */
export function registryCompleteness(r: RegistryFile): RegistryCompleteness {
  const file = r.files.documents;
  return {
    file: file?.path ?? 'aucun registre',
    documents: r.documents.length,
    unverified: r.documents.filter((d) => !d.verified).length,
    rejected: file?.rejected ?? 0,
    rows: file?.rows ?? 0,
    undated: r.undated.length,
    verifiedOnly: false,
  };
}

/**
 * Whether a registry is shown: a region deployed without one (every region but 32 today) shows no
 * figure until the analyst loads one; its map is never read as « 0 % couvert ».
 */
export function hasRegistry(r: RegistryFile): boolean {
  return r.files.documents !== null;
}

/**
 * What the page says besides its figures, as the CLI's report says it: the registry shown and its
 * completeness, the published figures, the model (assumed duration), the open-ended documents at the
 * date, and today (a later date is a projection). Every panel and export reads it from here.
 */
export function reportContextOf(ctx: AppContext, s: Snapshot): ReportContext {
  return {
    registry: registryCompleteness(ctx.registry),
    published: ctx.registry.published,
    model: ctx.engine.model,
    openEnded: ctx.engine.model.assumedDuration
      ? undefined
      : openEndedDocuments(s.coverage, ctx.engine, { department: s.figures.department }),
    today: ctx.now,
  };
}
