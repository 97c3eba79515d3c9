const formats = new Map<number, Intl.NumberFormat>();

/** One cached French number format per number of decimals (exactly `digits` of them). */
function fr(digits: number): Intl.NumberFormat {
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f;
}
const upToOneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * French integer formatting with a narrow no-break space: `formatInteger(6002372)` → "6 002 372".
 */
export function formatInteger(n: number): string {
  return fr(0).format(Math.round(n));
}

/**
 * French decimal: `formatDecimal(1.6, 1)` → "1,6".
 */
export function formatDecimal(n: number, digits = 1): string {
  return fr(digits).format(n);
}

/**
 * French percentage from a share: `formatPercent(0.4)` → "40 %", `formatPercent(0.4049, 1)` → "40,5 %".
 */
export function formatPercent(share: number, digits = 0): string {
  return `${formatDecimal(share * 100, digits)}\u00a0%`;
}

/**
 * Population in the ARS style: "1,6 million", "2 millions", "464 000" below a million. The plural
 * follows the number as written (1 999 999 → "2 millions").
 * @example formatPopulation(1_612_345) // "1,6 million"
 */
export function formatPopulation(n: number): string {
  if (n < 1_000_000) return formatInteger(n);
  const millions = Math.round(n / 100_000) / 10;
  return `${upToOneDecimal.format(millions)} million${millions >= 2 ? 's' : ''}`;
}

/**
 * The text with its first letter in capitals (for a label that starts a sentence or a line).
 * @example capitalize('population des communes PRAPS') // "Population des communes PRAPS"
 */
export function capitalize(s: string): string {
  return s.replace(/^./, (c) => c.toUpperCase());
}
