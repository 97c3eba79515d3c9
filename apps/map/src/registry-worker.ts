/// <reference lib="webworker" />
import { loadValidationReferences, setDataBase, type Manifest } from './data.ts';
import { readUserFile, type UserFile } from './registry-file.ts';
import type { RegistryFile } from './data.ts';

/** What the page asks: read this file against the registry shown, with the data files at `base`. */
export interface ReadRequest {
  file: UserFile;
  current: RegistryFile;
  manifest: Manifest;
  base: string;
  today: string;
}

/**
 * Reads and validates an analyst's file off the page's thread (a 50,000-row registry takes seconds):
 * the same reader and validation as in the page, the result posted back as plain data.
 */
self.onmessage = async (e: MessageEvent<ReadRequest>) => {
  const { file, current, manifest, base, today } = e.data;
  try {
    setDataBase(base);
    const referenceFor = await loadValidationReferences(manifest);
    const result = await readUserFile(file, current, {
      referenceFor,
      cogYears: manifest.years.map((y) => y.cog),
      today,
    });
    self.postMessage({ ok: true, result });
  } catch (err) {
    self.postMessage({ ok: false, message: String((err as Error)?.message ?? err) });
  }
};
