/** CSV for Excel (France): `;` separator, UTF-8 with BOM, CRLF, decimal commas for numbers that are not integers. */
export function toExcelCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    const s =
      v === null ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4).replace('.', ',')) : v;
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
