#!/usr/bin/env node
import { parseArgs } from './args.ts';
import { validateCommand } from './commands/validate.ts';

const USAGE = `Usage : pnpm cls <commande> [options]

Commandes :
  validate [FICHIER]   vérifie un fichier du registre (défaut : data/registry/documents.csv)
`;

const commands: Record<string, (args: ReturnType<typeof parseArgs>, out: (s: string) => void) => number | Promise<number>> = {
  validate: validateCommand,
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
