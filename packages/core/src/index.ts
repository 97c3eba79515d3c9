export * from './types.ts';
export * from './diagnostics.ts';
export * from './dates.ts';
export * from './codes.ts';
export * from './lineage.ts';
export * from './perimeter.ts';
export * from './registry.ts';
export * from './format.ts';
