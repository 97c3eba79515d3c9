#!/usr/bin/env node
import { parseArgs } from './args.ts';
import { validateCommand } from './commands/validate.ts';
import { locateCommand } from './commands/locate.ts';
import { overlayCommand } from './commands/overlay.ts';
import { figuresCommand, planCommand, reportCommand, timelineCommand } from './commands/coverage.ts';

const USAGE = `Usage : pnpm cls <commande> [options]

Commandes :
  validate [FICHIER]   vérifie un fichier du registre (défaut : data/registry/documents.csv)
  report               rapport de couverture : --as-of AAAA-MM-JJ --by department|epci --format text|md|csv|json
  figures              la phrase « … CLS et … chartes signés, couvrant … » : --as-of AAAA-MM-JJ
  timeline             les chiffres à chaque signature et chaque fin de mois : --from --to --format text|csv|json
  locate FICHIER       ajoute insee, status, documents à un CSV d'adresses (colonnes lon/lat) : --as-of --out
  overlay ZONES.geojson  part de chaque zone (QPV, IRIS…) en zone couverte, population au prorata : --as-of --id code
  plan                 les EPCI à couvrir pour atteindre l'objectif : --as-of --target 0.75 --format text|md|csv|json

Options communes : --registry FICHIER, --priority FICHIER, --qpv-populations FICHIER (id;population),
  --region 32, --verified-only (seulement les lignes vérifiées), --target 0.75
`;

const commands: Record<
  string,
  (args: ReturnType<typeof parseArgs>, out: (s: string) => void) => number | Promise<number>
> = {
  validate: validateCommand,
  report: reportCommand,
  figures: figuresCommand,
  timeline: timelineCommand,
  plan: planCommand,
  locate: locateCommand,
  overlay: overlayCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(parseArgs(rest), (s) => console.log(s));
  } catch (e) {
    console.error(`Erreur : ${(e as Error).message}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
