import { formatDiagnostic, plural } from '@cls/core';
import { loadDocuments, loadPriorityTerritories } from '@cls/io';
import { describeSource, unusableReason } from '@cls/tables';
import { choiceOption, COMMON_OPTIONS, option, stringOption, type Args, type OptionSpec } from '../args.ts';

export const VALIDATE_SPEC: OptionSpec = {
  kind: option('ce que le fichier contient (défaut : documents)', 'documents|priority'),
  sheet: COMMON_OPTIONS.sheet!,
  region: COMMON_OPTIONS.region!,
  help: COMMON_OPTIONS.help!,
};

/**
 * `cls validate [file] [--kind documents|priority] [--sheet NAME] [--region 32]`: checks a registry file and prints
 * every problem (file, line, field), then a summary. Exit code 1 when a row was rejected or the file
 * cannot be used.
 */
export async function validateCommand(args: Args, out: (s: string) => void): Promise<number> {
  const file = args.positional[0] ?? 'data/registry/documents.csv';
  const region = stringOption(args, 'region', '32');
  const kind = choiceOption(
    args,
    'kind',
    ['documents', 'priority'] as const,
    file.includes('priority') ? 'priority' : 'documents',
  );
  const sheet = stringOption(args, 'sheet', '');
  const options = { region, ...(sheet ? { sheet } : {}) };
  const result =
    kind === 'priority' ? await loadPriorityTerritories(file, options) : await loadDocuments(file, options);
  for (const d of result.diagnostics) out(formatDiagnostic(d));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  out('');
  out(`Fichier : ${file} (${describeSource(result)})`);
  out(
    `${plural(result.rowCount, 'ligne lue', 'lignes lues')}, ${plural(result.accepted.length, 'acceptée', 'acceptées')}, ` +
      `${plural(result.rejectedLines.length, 'rejetée', 'rejetées')}` +
      `${result.rejectedLines.length ? ` (${result.rejectedLines.length > 1 ? 'lignes' : 'ligne'} ${result.rejectedLines.join(', ')})` : ''} ; ` +
      `${plural(errors, 'erreur', 'erreurs')}, ${plural(warnings, 'avertissement', 'avertissements')}.`,
  );
  const unusable = unusableReason(result);
  if (unusable) out(`Fichier inutilisable : ${unusable}.`);
  if (kind === 'priority') {
    const byKind = new Map<string, number>();
    for (const t of result.accepted as Array<{ kind: string }>) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + 1);
    out(`Territoires prioritaires : ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ') || 'aucun'}`);
  } else {
    const docs = result.accepted as Array<{ docType: string; signedOn: string; verified: boolean }>;
    const types = ['charte', 'cls', 'avenant', 'renouvellement'];
    const years = [...new Set(docs.map((d) => d.signedOn.slice(0, 4)))].sort();
    out('');
    out(['Année', ...types, 'total'].map((s) => s.padStart(16)).join(''));
    for (const y of years) {
      const row = types.map((t) => docs.filter((d) => d.signedOn.startsWith(y) && d.docType === t).length);
      out([y, ...row.map(String), String(row.reduce((a, b) => a + b, 0))].map((s) => s.padStart(16)).join(''));
    }
    const totals = types.map((t) => docs.filter((d) => d.docType === t).length);
    out(['Total', ...totals.map(String), String(docs.length)].map((s) => s.padStart(16)).join(''));
    const unverified = docs.filter((d) => !d.verified).length;
    out('');
    out(`Vérifiés : ${docs.length - unverified} ; non vérifiés (dates déduites ou à confirmer) : ${unverified}.`);
  }
  return result.rejectedLines.length > 0 || unusable ? 1 : 0;
}
