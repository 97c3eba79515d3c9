import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cls, root } from './run-cli.ts';

/** The CLI on the shipped registry and on files a careless or hostile user hands it: what it must never do. */
const tmp = mkdtempSync(join(tmpdir(), 'cls-trust-'));

describe('cls report tells the whole truth', () => {
  it('a department: its own published statement beside its figures, its part of each territory', () => {
    const r = cls('report', '--as-of', '2024-09-30', '--department', '62');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Couverture CLS au 30\/09\/2024 — Pas-de-Calais \(62\)/);
    expect(r.stdout).toContain('Publié par Radio 6 (article de presse), chiffres au 17/09/2024');
    expect(r.stdout).toContain("EPCI du 62 signataires d'un CLS : publié 9, registre 3 (écart −6)");
    // The region's mid-2019 statement is not this department's.
    expect(r.stdout).not.toContain('ARS Hauts-de-France');
    expect(r.stdout).toMatch(
      /Bassin minier.*: partie Pas-de-Calais \(62\) \d+ \/ \d+ communes couvertes ; territoire entier \d+ \/ \d+/,
    );
    const json = JSON.parse(cls('report', '--as-of', '2024-09-30', '--department', '62', '--format', 'json').stdout);
    expect(json.published[0].figures[0]).toMatchObject({ measure: 'epci', published: 9, computed: 3, gap: -6 });
  });

  it('the ARS mid-2019 share of "territories identified as priority" is quoted, never recomputed', () => {
    const json = JSON.parse(cls('report', '--as-of', '2019-06-30', '--format', 'json').stdout);
    const share = json.published[0].figures.find((f: { measure: string }) => f.measure === 'priority_share');
    expect(share).toEqual(expect.objectContaining({ definition: 'unpublished', computed: null, gap: null }));
    const md = cls('report', '--as-of', '2019-06-30', '--format', 'md').stdout;
    expect(md).not.toMatch(/calculé 0,0/);
    expect(md).toContain('définition non publiée : non recalculé');
  });

  it('documents in force for years with no known end are counted and listed; an assumed duration is opt-in and said', () => {
    const plain = cls('report', '--as-of', '2026-11-30');
    expect(plain.stdout).toMatch(
      /\d+ documents en vigueur depuis plus de 5 ans sans fin connue \([^)]+\), comptés : à vérifier/,
    );
    expect(plain.stdout).toMatch(/Béthune-Bruay.*signé/);
    const assumed = cls('report', '--as-of', '2026-11-30', '--assumed-duration', '6', '--format', 'json');
    const f = JSON.parse(assumed.stdout);
    expect(f.assumedDuration).toBe(6);
    expect(f.caveats.join(' ')).toMatch(
      /Durée supposée appliquée : les \d+ documents sans date de fin connue sont comptés 6 ans/,
    );
    expect(f.covered.population).toBeLessThan(
      JSON.parse(cls('report', '--as-of', '2026-11-30', '--format', 'json').stdout).covered.population,
    );
    expect(cls('plan', '--assumed-duration', '6', '--as-of', '2026-11-30').stdout).toMatch(
      /Note : durée supposée appliquée/,
    );
    expect(cls('report', '--assumed-duration', '0').code).toBe(2);
  });

  it('a date after today is a projection', () => {
    const r = cls('report', '--as-of', '2099-12-31');
    expect(r.stdout).toMatch(/^Couverture CLS au 31\/12\/2099 \(projection\)/);
    expect(r.stdout).toMatch(/Projection : le 31\/12\/2099 est après aujourd'hui/);
  });
});

describe('cls refuses what it cannot do right', () => {
  it('a repeated option is refused, not silently the last one (bug: the check was dead code)', () => {
    const r = cls('report', '--as-of', '2019-06-30', '--as-of', '2024-06-30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of donnée plusieurs fois');
    expect(cls('report', '--registry', 'a.csv', '--registry=b.csv').stderr).toContain(
      '--registry donnée plusieurs fois',
    );
  });

  it('the help is written from the options tables: every option of every command is in it', async () => {
    const { COVERAGE_SPECS } = await import('../../packages/cli/src/commands/coverage.ts');
    const { LOCATE_SPEC } = await import('../../packages/cli/src/commands/locate.ts');
    const { OVERLAY_SPEC } = await import('../../packages/cli/src/commands/overlay.ts');
    const { VALIDATE_SPEC } = await import('../../packages/cli/src/commands/validate.ts');
    const help = cls('--help');
    expect(help.code).toBe(0);
    for (const spec of [...Object.values(COVERAGE_SPECS), LOCATE_SPEC, OVERLAY_SPEC, VALIDATE_SPEC])
      for (const [name, o] of Object.entries(spec)) {
        expect(help.stdout).toContain(`--${name}${o.value ? ` ${o.value}` : ''} `);
        expect(help.stdout).toContain(o.help);
      }
  });

  it('-h answers in French', () => {
    const r = cls('report', '-h');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage : pnpm cls <commande>/);
  });

  it('locate never writes over an input, and says an output it cannot write in French (bug: --out = --registry replaced it)', () => {
    const registry = join(tmp, 'registre.csv');
    copyFileSync(join(root, 'data/registry/documents.csv'), registry);
    const before = readFileSync(registry, 'utf8');
    const r = cls('locate', 'tests/fixtures/locate/adresses.csv', '--registry', registry, '--out', registry);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("c'est un fichier d'entrée");
    expect(readFileSync(registry, 'utf8')).toBe(before);
    const input = join(tmp, 'adresses.csv');
    copyFileSync(join(root, 'tests/fixtures/locate/adresses.csv'), input);
    expect(cls('locate', input, '--out', input).stderr).toContain("c'est un fichier d'entrée");
    const missing = cls('locate', input, '--out', join(tmp, 'absent', 'sortie.csv'));
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining("n'existe pas")]);
    expect(missing.stderr).not.toMatch(/at \w+ \(/); // no stack trace
    const dir = cls('locate', input, '--out', tmp);
    expect(dir.stderr).toContain("c'est un dossier");
  });

  it('an empty zones file is said in French (bug: « Unexpected end of JSON input »)', () => {
    const file = join(tmp, 'vide.geojson');
    writeFileSync(file, '');
    const r = cls('overlay', file);
    expect([r.code, r.stderr.trim()]).toEqual([
      1,
      `Erreur : ${file} : fichier vide : une FeatureCollection GeoJSON est attendue`,
    ]);
  });

  it('a device or a pipe is refused as input (bug: --registry /dev/zero grew without bound)', () => {
    const r = cls('report', '--registry', '/dev/zero');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pas un fichier ordinaire');
  });

  it('terminal escape sequences in registry fields never reach the terminal', () => {
    const file = join(tmp, 'escape.csv');
    writeFileSync(
      file,
      'id,territory,perimeter,doc_type,signed_on,ends_on,generation,verified,source_url,evidence\n' +
        'x\u001b[2J,Ville\u001b]0;titre\u0007,62498,cls,2019-01-01,,2,yes,https://example.org,e\n' +
        'x\u001b[2J,Ville,62498,cls,2019-01-01,,2,yes,https://example.org,e\n',
    );
    const r = cls('validate', file);
    // The duplicated id is printed, its escape character shown as U+FFFD.
    expect(r.stdout).toContain('identifiant « x\ufffd[2J » en double');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be absent
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('a QPV population larger than its communes is refused (bug: 500 000 in a commune of 2 860 moved the gap by 375 000)', () => {
    const priority = readFileSync(join(root, 'data/registry/priority-territories.csv'), 'utf8');
    const qpv = priority
      .split('\n')
      .find((l) => /,qpv,/i.test(l))!
      .split(',')[0]!;
    const file = join(tmp, 'qpv.csv');
    writeFileSync(file, `id;population\n${qpv};500000\n`);
    const r = cls('report', '--as-of', '2024-06-30', '--qpv-populations', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/supérieure à celle de ses communes/);
  });
});
