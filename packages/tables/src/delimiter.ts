import { plural } from '@cls/core';

/** The separators a French spreadsheet export may use. */
export const DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Set when the choice was not clear-cut: says which separator was used and why (French). */
  doubt: string | null;
}

const NAMES: Record<Delimiter, string> = { ';': '« ; »', ',': '« , »', '\t': 'tabulation' };

/** French name of a separator, for messages: `delimiterName('\t')` → "tabulation". */
export function delimiterName(d: string): string {
  return NAMES[d as Delimiter] ?? `« ${d} »`;
}

/**
 * Picks the separator of a CSV text: the one that splits the header and every following line
 * (blank lines and a final newline ignored) into the same number of fields, counted outside quotes.
 * Works on two-column files (`id;population`, `lon;lat` with decimal commas). When no candidate is
 * consistent, or several are, the most likely one is used and `doubt` says so.
 * @example guessDelimiter('lon;lat\n2,83;50,43\n').delimiter // ';'
 */
export function guessDelimiter(text: string, sampleLines = 50): DelimiterGuess {
  const lines = sampleRecords(text, sampleLines);
  const scores = DELIMITERS.map((d) => {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const h = counts[0] ?? 0;
    const consistent = counts.filter((c) => c === h).length;
    return { d, h, consistent, all: h > 0 && consistent === counts.length };
  });
  const perfect = scores.filter((s) => s.all);
  if (perfect.length === 1) return { delimiter: perfect[0]!.d, doubt: null };
  if (perfect.length > 1) {
    // Several split every line alike: prefer the one giving more columns, then ; over , (French Excel).
    const best = [...perfect].sort((a, b) => b.h - a.h)[0]!;
    const others = perfect.filter((s) => s !== best).map((s) => delimiterName(s.d));
    return {
      delimiter: best.d,
      doubt: `séparateur ${delimiterName(best.d)} retenu (${best.h + 1} colonnes) ; ${others.join(', ')} découperait aussi chaque ligne`,
    };
  }
  const inHeader = scores.filter((s) => s.h > 0).sort((a, b) => b.consistent - a.consistent || b.h - a.h);
  if (inHeader.length === 0) {
    return {
      delimiter: ';',
      doubt: 'aucun séparateur (« ; », « , », tabulation) dans la ligne d’en-tête : une seule colonne lue',
    };
  }
  const best = inHeader[0]!;
  return {
    delimiter: best.d,
    doubt:
      `séparateur ${delimiterName(best.d)} retenu, mais ${plural(lines.length - best.consistent, 'ligne', 'lignes')} ` +
      `sur ${lines.length} n’${lines.length - best.consistent > 1 ? 'ont' : 'a'} pas le même nombre de champs que l’en-tête`,
  };
}

/** The first records of a text (quoted newlines kept inside their record), blank ones left out. */
function sampleRecords(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i <= text.length && out.length < max; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (i === text.length || (ch === '\n' && !inQuotes)) {
      const line = text.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') out.push(line);
      start = i + 1;
    }
  }
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === d && !inQuotes) n++;
  }
  return n;
}
