export * from './cog-versions.ts';
export * from './decode.ts';
export * from './csv-table.ts';
export * from './reference.ts';
export * from './registry-files.ts';
export * from './data-files.ts';
export * from './model.ts';
export * from './qpv-populations.ts';
