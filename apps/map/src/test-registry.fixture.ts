import type { BuiltRegistryFile, RegistryDocument } from '@cls/core';
import type { RegistryFile } from './data.ts';

const noFile: BuiltRegistryFile = {
  path: '',
  sha256: '',
  rows: 0,
  rejected: 0,
  errors: 0,
  warnings: 0,
  diagnostics: [],
};

/** A registry as the page holds it, with these documents and nothing else (for the unit tests). */
export function registryFile(documents: RegistryDocument[] = []): RegistryFile {
  return {
    region: '99',
    documents,
    priority: [],
    undated: [],
    published: [],
    files: { documents: noFile, priority: noFile, undated: noFile, published: noFile },
  };
}
