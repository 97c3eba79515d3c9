import { describe, expect, it } from 'vitest';
import { cls } from './run-cli.ts';

/**
 * Golden files: every text and CSV output of the CLI on the shipped registry at fixed dates (and on
 * the shipped fixtures), compared with `tests/golden/*`. A change of figure or wording shows as a diff
 * to review; regenerate on purpose with `pnpm vitest run tests/integration/golden.test.ts -u`.
 */

const GOLDEN = '../golden';

/** The exit code, stderr and stdout of one run, as one reviewable text (CSV: BOM and CRLF checked, then shown as \n). */
function transcript(args: string[], r: ReturnType<typeof cls>): string {
  let stdout = r.stdout;
  const csv = args.includes('csv') || args[0] === 'locate';
  if (csv) {
    expect(stdout.startsWith('\uFEFF'), 'CSV starts with a UTF-8 BOM').toBe(true);
    expect(/[^\r]\n/.test(stdout), 'every CSV line ends with CRLF').toBe(false);
    stdout = stdout.slice(1).replace(/\r\n/g, '\n');
  }
  return [
    `$ cls ${args.join(' ')}`,
    `exit ${r.code}`,
    '--- stderr',
    r.stderr.trimEnd(),
    `--- stdout${csv ? ' (BOM et CRLF vérifiés)' : ''}`,
    stdout.trimEnd(),
    '',
  ].join('\n');
}

const CASES: Array<{ name: string; args: string[]; code: number }> = [
  { name: 'report-2024-06-30.txt', args: ['report', '--as-of', '2024-06-30'], code: 0 },
  {
    name: 'report-2024-06-30-by-epci.csv.txt',
    args: ['report', '--as-of', '2024-06-30', '--by', 'epci', '--format', 'csv'],
    code: 0,
  },
  {
    // The Nord: communes of each status, 43 of them with a document ended without relay.
    name: 'report-2024-06-30-by-commune-59.csv.txt',
    args: ['report', '--as-of', '2024-06-30', '--by', 'commune', '--department', '59', '--format', 'csv'],
    code: 0,
  },
  {
    name: 'report-2019-06-30-department.csv.txt',
    args: ['report', '--as-of', '2019-06-30', '--format', 'csv'],
    code: 0,
  },
  { name: 'report-2019-06-30.md', args: ['report', '--as-of', '2019-06-30', '--format', 'md'], code: 0 },
  { name: 'figures-2019-06-30.txt', args: ['figures', '--as-of', '2019-06-30'], code: 0 },
  { name: 'figures-2024-09-17.txt', args: ['figures', '--as-of', '2024-09-17'], code: 0 },
  { name: 'timeline-2019.txt', args: ['timeline', '--from', '2019-01-01', '--to', '2019-12-31'], code: 0 },
  {
    name: 'timeline-2019.csv.txt',
    args: ['timeline', '--from', '2019-01-01', '--to', '2019-12-31', '--format', 'csv'],
    code: 0,
  },
  { name: 'plan-2024-06-30.txt', args: ['plan', '--as-of', '2024-06-30'], code: 0 },
  // The registry regrouped (arquero): by department, and by priority territory in CSV.
  { name: 'documents-2024-06-30-department.txt', args: ['documents', '--as-of', '2024-06-30'], code: 0 },
  {
    name: 'documents-2024-06-30-territory.csv.txt',
    args: ['documents', '--as-of', '2024-06-30', '--by', 'territory', '--format', 'csv'],
    code: 0,
  },
  { name: 'plan-2024-06-30.csv.txt', args: ['plan', '--as-of', '2024-06-30', '--format', 'csv'], code: 0 },
  {
    name: 'overlay-zones.txt',
    args: ['overlay', 'tests/fixtures/overlay/zones.geojson', '--as-of', '2024-06-30'],
    code: 1,
  },
  {
    name: 'overlay-zones.csv.txt',
    args: ['overlay', 'tests/fixtures/overlay/zones.geojson', '--as-of', '2024-06-30', '--format', 'csv'],
    code: 1,
  },
  {
    name: 'locate-adresses.csv.txt',
    args: ['locate', 'tests/fixtures/locate/adresses.csv', '--as-of', '2024-06-30'],
    code: 1,
  },
  {
    name: 'validate-wrong-field-count.txt',
    args: ['validate', 'tests/fixtures/registry/wrong-field-count.csv'],
    code: 1,
  },
];

describe('golden outputs of the CLI (shipped registry, fixed dates)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = cls(...c.args);
      expect(r.code, r.stderr).toBe(c.code);
      await expect(transcript(c.args, r)).toMatchFileSnapshot(`${GOLDEN}/${c.name}`);
    });
  }
});

/** Every key path of a JSON value: arrays as `[]`, the union over their elements. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    out.add(`${prefix}[]`);
    for (const v of value) keyPaths(v, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      keyPaths(v, p, out);
    }
  }
  return out;
}

describe('report --format json', () => {
  it('every key the README promises stable, at two dates (with and without a published figure)', async () => {
    const keys = new Set<string>();
    for (const asOf of ['2019-06-30', '2024-06-30']) {
      const r = cls('report', '--as-of', asOf, '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      keyPaths(JSON.parse(r.stdout), '', keys);
    }
    expect(keys.has('priority.praps.share')).toBe(true);
    await expect(`${[...keys].sort().join('\n')}\n`).toMatchFileSnapshot(`${GOLDEN}/report-json-keys.txt`);
  });

  it('the whole document at 2024-06-30', async () => {
    const r = cls('report', '--as-of', '2024-06-30', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    await expect(`${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`).toMatchFileSnapshot(
      `${GOLDEN}/report-2024-06-30.json`,
    );
  });
});
