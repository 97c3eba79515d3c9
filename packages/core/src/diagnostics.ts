import type { Diagnostic } from './types.ts';

/** Formats a diagnostic as `file:line: field: message` (French message, as shown to users). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line == null ? d.file : `${d.file}:${d.line}`;
  const field = d.field ? ` [${d.field}]` : '';
  const tag = d.severity === 'error' ? 'erreur' : 'avertissement';
  return `${where}${field} ${tag} : ${d.message}`;
}

/** Longest part of a user's value quoted in a message. */
export const MAX_QUOTED = 200;

/**
 * A value as quoted in a message: at most 200 characters, the rest elided with its length.
 * @example clipValue('x'.repeat(300)) // 'xxx…x… (300 caractères)'
 */
export function clipValue(value: string): string {
  return value.length <= MAX_QUOTED ? value : `${value.slice(0, MAX_QUOTED)}… (${value.length} caractères)`;
}
