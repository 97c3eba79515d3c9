/**
 * Writes a table as an `.xlsx` workbook of one sheet: the header in bold, then every cell as text
 * (codes keep their zeros, dates stay as typed, nothing is read as a formula), so that reading it
 * back with readTable gives the same rows. write-excel-file is loaded on first use.
 * @example await writeXlsxTable(['id', 'perimeter'], [['lens', '62498']], { sheet: 'documents' })
 */
export async function writeXlsxTable(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { sheet?: string } = {},
): Promise<Uint8Array> {
  const { default: writeWorkbook } = await import('write-excel-file/universal');
  const header = columns.map((value) => ({ value, fontWeight: 'bold' as const, type: String }));
  const body = rows.map((r) => columns.map((_, j) => ({ value: r[j] ?? '', type: String })));
  const widths = columns.map((c, j) => ({
    // A loop, not Math.max(...rows): 200 000 arguments overflow the call stack.
    width: Math.min(60, rows.reduce((w, r) => Math.max(w, (r[j] ?? '').length), c.length) + 2),
  }));
  const blob = await writeWorkbook(
    [header, ...body] as never,
    {
      sheet: options.sheet ?? 'documents',
      columns: widths,
    } as never,
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
