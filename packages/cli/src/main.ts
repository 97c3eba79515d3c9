#!/usr/bin/env node
import { InputFileError } from '@cls/io';
import { COMMON_OPTIONS, parseCommandArgs, UsageError, type Args, type OptionSpec } from './args.ts';
import {
  documentsCommand,
  figuresCommand,
  planCommand,
  reportCommand,
  timelineCommand,
  COVERAGE_SPECS,
} from './commands/coverage.ts';
import { locateCommand, LOCATE_SPEC } from './commands/locate.ts';
import { overlayCommand, OVERLAY_SPEC } from './commands/overlay.ts';
import { validateCommand, VALIDATE_SPEC } from './commands/validate.ts';

/**
 * A text with its control characters (terminal escape sequences, C1 codes) shown as U+FFFD: registry
 * and file fields reach the terminal through the outputs, and must never drive it. Tabs and line
 * ends stay.
 * @example printable('a\u001b[2Jb') // "a�[2Jb"
 */
export function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd');
}
for (const k of ['log', 'error', 'warn'] as const) {
  const write = console[k].bind(console);
  console[k] = (...a: unknown[]) => write(...a.map((x) => (typeof x === 'string' ? printable(x) : x)));
}

/** Prints a text: a line, or a whole CSV document (ending with CRLF), written as it is. */
type Out = (s: string) => void;
const stdout: Out = (s) => {
  const text = printable(s);
  process.stdout.write(text.endsWith('\r\n') ? text : `${text}\n`);
};
interface Command {
  run: (args: Args, out: Out) => number | Promise<number>;
  spec: OptionSpec;
  positionals: number;
  /** The command as typed, its positional argument included (`locate FICHIER`). */
  synopsis: string;
  /** What it does, in French. */
  summary: string;
}

/** The commands: each one's options table is also its help (usage() writes it). */
const commands: Record<string, Command> = {
  validate: {
    run: validateCommand,
    spec: VALIDATE_SPEC,
    positionals: 1,
    synopsis: 'validate [FICHIER]',
    summary: 'vérifie un fichier du registre, CSV ou .xlsx (défaut : le registre livré), ligne par ligne',
  },
  report: {
    run: reportCommand,
    spec: COVERAGE_SPECS.report,
    positionals: 0,
    synopsis: 'report',
    summary: 'rapport de couverture à une date',
  },
  figures: {
    run: figuresCommand,
    spec: COVERAGE_SPECS.figures,
    positionals: 0,
    synopsis: 'figures',
    summary: 'la phrase « … CLS et … chartes signés, couvrant … » et les chiffres publiés de la date',
  },
  timeline: {
    run: timelineCommand,
    spec: COVERAGE_SPECS.timeline,
    positionals: 0,
    synopsis: 'timeline',
    summary: 'les chiffres à chaque signature et à chaque fin de mois',
  },
  plan: {
    run: planCommand,
    spec: COVERAGE_SPECS.plan,
    positionals: 0,
    synopsis: 'plan',
    summary: 'les EPCI à couvrir d’abord pour atteindre l’objectif',
  },
  documents: {
    run: documentsCommand,
    spec: COVERAGE_SPECS.documents,
    positionals: 0,
    synopsis: 'documents',
    summary: 'les documents du registre regroupés (département, EPCI, territoire, type, année)',
  },
  locate: {
    run: locateCommand,
    spec: LOCATE_SPEC,
    positionals: 1,
    synopsis: 'locate FICHIER',
    summary: 'ajoute insee, status, documents, erreur à un CSV d’adresses (colonnes lon/lat)',
  },
  overlay: {
    run: overlayCommand,
    spec: OVERLAY_SPEC,
    positionals: 1,
    synopsis: 'overlay ZONES.geojson',
    summary: 'part de chaque zone (QPV, IRIS…) en zone couverte, population au prorata',
  },
};

/** An option as `--help` lists it: `--as-of AAAA-MM-JJ  la date (défaut : aujourd’hui)`. */
const optionLine = (name: string, o: OptionSpec[string]) => {
  const head = `    --${name}${o.value ? ` ${o.value}` : ''}`;
  return `${head.padEnd(40)} ${o.help}`;
};

/**
 * The help, written from the commands and their options tables (a new option is in it by
 * construction): each command with its own options, then the options every coverage command takes.
 */
export function usage(): string {
  const common = new Set(Object.keys(COMMON_OPTIONS));
  return [
    'Usage : pnpm cls <commande> [options]',
    '',
    'Commandes :',
    ...Object.values(commands).flatMap((c) => [
      `  ${c.synopsis.padEnd(22)} ${c.summary}`,
      ...Object.entries(c.spec)
        .filter(([name]) => !common.has(name))
        .map(([name, o]) => optionLine(name, o)),
    ]),
    '',
    'Options communes (report, figures, timeline, plan, documents, locate, overlay ; validate : --sheet, --region) :',
    ...Object.entries(COMMON_OPTIONS).map(([name, o]) => optionLine(name, o)),
    '',
    'Codes de sortie : 0 fait ; 1 problème dans les fichiers d’entrée (lignes écartées, fichier illisible) ;',
    '  2 erreur d’utilisation (option inconnue, valeur invalide) ; 3 erreur interne (à signaler).',
    '',
  ].join('\n');
}

/** Runs a command line; returns the exit code (0 done, 1 input problems, 2 usage error, 3 internal error). */
export async function main(argv: readonly string[], out: Out = stdout): Promise<number> {
  // -h is --help, answered in French (node's parser would refuse it in English).
  const [name, ...rest] = argv.map((a) => (a === '-h' ? '--help' : a));
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(name, rest, command.spec, command.positionals);
    if (args.options.help) {
      console.log(usage());
      return 0;
    }
    return await command.run(args, out);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`Erreur d'utilisation : ${e.message}\n(pnpm cls --help pour l'aide)`);
      return 2;
    }
    if (e instanceof InputFileError) {
      console.error(`Erreur : ${e.message}`);
      return 1;
    }
    console.error(`Erreur interne (à signaler) : ${(e as Error).stack ?? String(e)}`);
    return 3;
  }
}

// Piping into `head` closes stdout early: end quietly with the code so far.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
