#!/usr/bin/env node
import { InputFileError } from '@cls/io';
import { parseCommandArgs, UsageError, type Args, type OptionSpec } from './args.ts';
import { figuresCommand, planCommand, reportCommand, timelineCommand, COVERAGE_SPECS } from './commands/coverage.ts';
import { locateCommand, LOCATE_SPEC } from './commands/locate.ts';
import { overlayCommand, OVERLAY_SPEC } from './commands/overlay.ts';
import { validateCommand, VALIDATE_SPEC } from './commands/validate.ts';

const USAGE = `Usage : pnpm cls <commande> [options]

Commandes :
  validate [FICHIER]   vérifie un fichier du registre, CSV ou .xlsx (défaut : data/registry/documents.csv) :
                       --kind documents|priority --sheet FEUILLE
  report               rapport de couverture : --as-of AAAA-MM-JJ --by department|epci --format text|md|csv|json
  figures              la phrase « … CLS et … chartes signés, couvrant … » : --as-of AAAA-MM-JJ
  timeline             les chiffres à chaque signature et chaque fin de mois : --from --to --format text|csv|json
  locate FICHIER       ajoute insee, status, documents, erreur à un CSV d'adresses (colonnes lon/lat) : --as-of --out
  overlay ZONES.geojson  part de chaque zone (QPV, IRIS…) en zone couverte, population au prorata : --as-of --id code
  plan                 les EPCI à couvrir pour atteindre l'objectif : --as-of --target 0.75 --format text|md|csv|json

Options communes : --registry FICHIER (CSV ou .xlsx ; --sheet FEUILLE, défaut la première visible), --priority FICHIER,
  --qpv-populations FICHIER (id;population), --region 32, --verified-only (seulement les lignes vérifiées), --target 0.75,
  --assumed-duration ANS (durée supposée des documents sans fin connue ; désactivée par défaut, dite dans chaque sortie)
report et figures : --department 62 (les chiffres d'un département, comparés à ses propres chiffres publiés)

Codes de sortie : 0 fait ; 1 problème dans les fichiers d'entrée (lignes écartées, fichier illisible) ;
  2 erreur d'utilisation (option inconnue, valeur invalide) ; 3 erreur interne (à signaler).
`;

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
}

const commands: Record<string, Command> = {
  validate: { run: validateCommand, spec: VALIDATE_SPEC, positionals: 1 },
  report: { run: reportCommand, spec: COVERAGE_SPECS.report, positionals: 0 },
  figures: { run: figuresCommand, spec: COVERAGE_SPECS.figures, positionals: 0 },
  timeline: { run: timelineCommand, spec: COVERAGE_SPECS.timeline, positionals: 0 },
  plan: { run: planCommand, spec: COVERAGE_SPECS.plan, positionals: 0 },
  locate: { run: locateCommand, spec: LOCATE_SPEC, positionals: 1 },
  overlay: { run: overlayCommand, spec: OVERLAY_SPEC, positionals: 1 },
};

/** Runs a command line; returns the exit code (0 done, 1 input problems, 2 usage error, 3 internal error). */
export async function main(argv: readonly string[], out: Out = stdout): Promise<number> {
  // -h is --help, answered in French (node's parser would refuse it in English).
  const [name, ...rest] = argv.map((a) => (a === '-h' ? '--help' : a));
  if (!name || name === '--help' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(name, rest, command.spec, command.positionals);
    if (args.options.help) {
      console.log(USAGE);
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
