import { tinyReference } from '@cls/core/tiny-reference.fixture';
import { describe, expect, it } from 'vitest';
import { registryFile } from './test-registry.fixture.ts';
import { kindOfColumns, readUserFile } from './registry-file.ts';

const ref = tinyReference(2024);
const commune = ref.communes[0]!;
const shipped = registryFile();
const options = { referenceFor: () => ref, cogYears: [2024], today: '2026-11-24' };
const bytes = (text: string) => new TextEncoder().encode(text);
const DOCS = 'id;territory;perimeter;doc_type;signed_on;ends_on;generation;verified;source_url;evidence';

describe('readUserFile', () => {
  it('tells a table by its columns', () => {
    expect(kindOfColumns(DOCS.split(';'))).toBe('documents');
    expect(kindOfColumns(['id', 'kind', 'label', 'perimeter', 'since', 'until'])).toBe('priority');
    expect(kindOfColumns(['id', 'population'])).toBe('qpv');
  });

  it('puts the documents of a file in place of the registry’s, with every problem by line and its checksum', async () => {
    const text = `${DOCS}\na;A;${commune.code};cls;01/07/2024;;1;oui;https://example.org;q\nb;B;99999;cls;2024;;1;oui;https://example.org;q\n`;
    const r = await readUserFile({ name: 'mon-registre.csv', bytes: bytes(text) }, shipped, options);
    expect(r.kind).toBe('documents');
    expect(r.unusable).toBeNull();
    expect(r.registry!.documents.map((d) => [d.id, d.signedOn])).toEqual([['a', '2024-07-01']]);
    expect(r.report).toMatchObject({ path: 'mon-registre.csv', rows: 2, rejected: 1, errors: 1 });
    expect(r.report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.report.diagnostics[0]).toMatchObject({ line: 3, field: 'perimeter', severity: 'error' });
    expect(r.read).toBe('CSV UTF-8, séparateur « ; »');
  });

  it('keeps the registry shown when a file cannot be used, and says why', async () => {
    const r = await readUserFile({ name: 'vide.csv', bytes: bytes('id;x\n1;2\n') }, shipped, options);
    expect(r.registry).toBeNull();
    expect(r.unusable).toMatch(/^vide\.csv : en-tête inutilisable/);
    expect(r.report.diagnostics[0]!.message).toMatch(/colonnes obligatoires absentes/);
  });
});
