import { clipValue } from './diagnostics.ts';

/**
 * Why a source link cannot be used, or null: the WHATWG URL parser (the browser's), http or https
 * only, any case, no space or control character. The CLI and the page follow this one rule.
 * @example sourceUrlProblem('http://example.org:99999/') // "source « … » : adresse illisible"
 */
export function sourceUrlProblem(url: string): string | null {
  if (url.trim() === '') return 'source manquante';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(url))
    return `source « ${clipValue(url)} » : espace ou caractère invisible dans l'adresse`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `source « ${clipValue(url)} » : adresse illisible`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `source « ${clipValue(url)} » : adresse http ou https attendue`;
  return null;
}
