import { openEndedDocuments, type ReportContext } from '@cls/core';
import type { AppContext, Snapshot } from './context.ts';

/**
 * What the page says besides its figures, as the CLI's report says it: the registry shown and its
 * completeness, the published figures, the model (assumed duration), the open-ended documents at the
 * date, and today (a later date is a projection). Every panel and export reads it from here.
 */
export function reportContextOf(ctx: AppContext, s: Snapshot): ReportContext {
  const r = ctx.registry;
  const file = r.files.documents;
  return {
    registry: {
      file: file.path,
      documents: r.documents.length,
      unverified: r.documents.filter((d) => !d.verified).length,
      rejected: file.rejected,
      rows: file.rows,
      undated: r.undated.length,
      verifiedOnly: false,
    },
    published: r.published,
    model: ctx.engine.model,
    openEnded: ctx.engine.model.assumedDuration
      ? undefined
      : openEndedDocuments(s.coverage, ctx.engine, { department: s.figures.department }),
    today: ctx.now,
  };
}
