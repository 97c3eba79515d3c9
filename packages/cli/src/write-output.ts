import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputFileError } from '@cls/io';

/** A path as the system resolves it (links followed when the file exists). */
function canonical(path: string): string {
  const p = resolve(path);
  return existsSync(p) ? realpathSync(p) : p;
}

/**
 * Writes an output file without ever writing over an input: refused when `path` is one of `inputs`;
 * written to a temporary file beside it, then renamed, so that a failure leaves no half-written file.
 * Any failure (a folder, a missing folder, a full disk) is a French InputFileError (exit 1).
 * @example writeOutput('sortie.csv', text, ['adresses.csv', 'data/registry/documents.csv'])
 */
export function writeOutput(path: string, text: string, inputs: readonly string[]): void {
  const output = canonical(path);
  if (inputs.some((i) => canonical(i) === output))
    throw new InputFileError(`--out ${path} : c'est un fichier d'entrée ; choisissez un autre nom pour la sortie`);
  if (existsSync(output) && statSync(output).isDirectory())
    throw new InputFileError(`--out ${path} : c'est un dossier ; donnez un nom de fichier`);
  if (!existsSync(dirname(output)))
    throw new InputFileError(`--out ${path} : le dossier ${dirname(path)} n'existe pas`);
  const temporary = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, output);
  } catch (e) {
    rmSync(temporary, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'disque plein' : code === 'EACCES' ? 'accès refusé' : (code ?? String(e));
    throw new InputFileError(`--out ${path} : écriture impossible (${why})`);
  }
}
