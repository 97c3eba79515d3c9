export * from './vector-tiles.ts';
