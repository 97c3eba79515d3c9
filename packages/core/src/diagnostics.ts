import type { Diagnostic } from './types.ts';

/** Formats a diagnostic as `file:line: field: message` (French message, as shown to users). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line == null ? d.file : `${d.file}:${d.line}`;
  const field = d.field ? ` [${d.field}]` : '';
  const tag = d.severity === 'error' ? 'erreur' : 'avertissement';
  return `${where}${field} ${tag} : ${d.message}`;
}
