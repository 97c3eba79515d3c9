/**
 * French integer formatting with a narrow no-break space: `formatInteger(6002372)` → "6 002 372".
 */
export function formatInteger(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/**
 * French decimal: `formatDecimal(1.6, 1)` → "1,6".
 */
export function formatDecimal(n: number, digits = 1): string {
  return n.toFixed(digits).replace('.', ',');
}

/**
 * French percentage from a share: `formatPercent(0.4)` → "40 %", `formatPercent(0.4049, 1)` → "40,5 %".
 */
export function formatPercent(share: number, digits = 0): string {
  return `${formatDecimal(share * 100, digits)}\u00a0%`;
}

/**
 * Population in the ARS style: "1,6 million", "2,3 millions", "464 000" below a million.
 * @example formatPopulation(1_612_345) // "1,6 million"
 */
export function formatPopulation(n: number): string {
  if (n >= 1_000_000) {
    const m = formatDecimal(n / 1_000_000, 1);
    return `${m} million${n >= 2_000_000 ? 's' : ''}`;
  }
  return formatInteger(n);
}
