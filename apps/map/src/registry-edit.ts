import { documentsCsv, today } from '@cls/core';
import { sha256Hex } from './checksum.ts';
import type { AppContext } from './context.ts';
import { draftRegistry, type Draft } from './registry-draft.ts';

/**
 * Shows a draft of the documents table: validated as `cls validate` would, its accepted documents
 * in place of the registry's, everything recomputed. Its checksum is that of the CSV it saves as.
 */
export async function useDraft(ctx: AppContext, draft: Draft): Promise<void> {
  const referenceFor = await ctx.validationReferences();
  const options = { referenceFor, cogYears: ctx.manifest.years.map((y) => y.cog), today: today() };
  const hash = await sha256Hex(new TextEncoder().encode(documentsCsv(draft.rows.map((r) => r.values))));
  const { registry } = draftRegistry(draft, ctx.registry, options, hash);
  // An edited table is described by the draft, no longer by the file it was read from.
  const files = draft.dirty ? ctx.origin.files.filter((f) => f.kind !== 'documents') : ctx.origin.files;
  ctx.useRegistry(registry, { files, draft });
}
