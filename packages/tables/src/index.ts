export * from './decode.ts';
export * from './delimiter.ts';
export * from './raw-table.ts';
export * from './csv-table.ts';
export * from './xlsx-table.ts';
export * from './read-table.ts';
export * from './registry-tables.ts';
export * from './qpv-populations.ts';
