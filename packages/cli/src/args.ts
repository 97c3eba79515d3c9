import { parseArgs as parseNodeArgs } from 'node:util';
import { clipValue } from '@cls/core';

/** A wrong command line: exit code 2, with a French message naming the option. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One option of a command: its kind, what it does (the help text is written from it), its value's form. */
export interface OptionInfo {
  type: 'string' | 'boolean';
  /** What the option does, in French (a line of `--help`). */
  help: string;
  /** The form of its value in `--help` (`AAAA-MM-JJ`, `FICHIER`…). */
  value?: string;
}

export type OptionSpec = Record<string, OptionInfo>;

/** Parsed command line: positional arguments and the options given (strings, or true for flags). */
export interface Args {
  positional: string[];
  options: Record<string, string | boolean | undefined>;
}

/** Options every coverage command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  registry: {
    type: 'string',
    value: 'FICHIER',
    help: 'le registre, CSV ou .xlsx (défaut : celui livré pour la région)',
  },
  sheet: { type: 'string', value: 'FEUILLE', help: 'la feuille d’un .xlsx (défaut : la première visible)' },
  priority: { type: 'string', value: 'FICHIER', help: 'les territoires prioritaires (PRAPS, QPV)' },
  'qpv-populations': { type: 'string', value: 'FICHIER', help: 'les populations des QPV (id;population)' },
  region: { type: 'string', value: '32', help: 'la région (code à deux chiffres ; défaut 32)' },
  'verified-only': { type: 'boolean', help: 'seulement les lignes vérifiées du registre' },
  target: { type: 'string', value: '0.75', help: 'l’objectif, part de la population visée' },
  'assumed-duration': {
    type: 'string',
    value: 'ANS',
    help: 'durée supposée des documents sans fin connue (désactivée par défaut, dite dans chaque sortie)',
  },
  help: { type: 'boolean', help: 'cette aide (aussi -h)' },
};

/** A command's option that only it takes. */
export const option = (help: string, value?: string): OptionInfo => ({
  type: 'string',
  help,
  ...(value ? { value } : {}),
});

/**
 * Parses a command's arguments with `node:util` parseArgs in strict mode: an unknown option is an
 * error naming the closest valid one, a flag takes no value, a string option needs a non-empty one.
 * @example parseCommandArgs('report', ['--asof', '2019-06-30'], spec) // throws « --asof : option inconnue … --as-of ? »
 */
export function parseCommandArgs(command: string, argv: readonly string[], spec: OptionSpec, maxPositionals = 0): Args {
  const given = new Set<string>();
  for (const a of argv) {
    if (a === '--') break; // the options end here
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const name = a.slice(2, eq > 0 ? eq : undefined);
    // parseArgs keeps the last of a repeated option: refused, as either value could be the one meant.
    if (given.has(name))
      throw new UsageError(`--${clipValue(name)} donnée plusieurs fois : une seule valeur est attendue`);
    given.add(name);
    const s = spec[name];
    if (!s) {
      const near = closest(name, Object.keys(spec));
      throw new UsageError(
        `option inconnue --${clipValue(name)} pour « ${command} »${near ? ` : vouliez-vous dire --${near} ?` : ''}` +
          ` (options : ${Object.keys(spec)
            .map((k) => `--${k}`)
            .join(', ')})`,
      );
    }
    if (s.type === 'boolean' && eq > 0)
      throw new UsageError(`--${name} est un interrupteur : il ne prend pas de valeur`);
  }
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: spec, strict: true, allowPositionals: true });
  } catch (e) {
    const m = /'(--[\w-]+)/.exec((e as Error).message);
    throw new UsageError(m ? `l'option ${m[1]} attend une valeur (ex. ${m[1]} VALEUR)` : (e as Error).message);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '') throw new UsageError(`--${name} : valeur vide`);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((p) => `« ${clipValue(p)} »`);
    throw new UsageError(`argument${extra.length > 1 ? 's' : ''} en trop pour « ${command} » : ${extra.join(', ')}`);
  }
  return { positional: parsed.positionals, options: parsed.values as Args['options'] };
}

/** A string option, or the default. */
export function stringOption(args: Args, name: string, fallback: string): string {
  const v = args.options[name];
  return typeof v === 'string' ? v : fallback;
}

/** One of the allowed values of an option, or a usage error listing them. */
export function choiceOption<T extends string>(args: Args, name: string, allowed: readonly T[], fallback: T): T {
  const v = stringOption(args, name, fallback) as T;
  if (!allowed.includes(v)) {
    throw new UsageError(`--${name} « ${clipValue(v)} » : valeurs possibles ${allowed.join(', ')}`);
  }
  return v;
}

/** The option name nearest to a misspelt one (edit distance ≤ 3, ignoring `-` and `_`), or null. */
export function closest(name: string, names: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  let best: string | null = null;
  let bestD = 4;
  for (const n of names) {
    const d = norm(n) === norm(name) ? 0 : editDistance(name.toLowerCase(), n);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
