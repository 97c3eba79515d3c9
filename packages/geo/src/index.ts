export * from './types.ts';
export * from './dissolve.ts';
export * from './area.ts';
export * from './recode.ts';
export * from './bbox-index.ts';
export * from './locate.ts';
export * from './overlay.ts';
export * from './validate-geometry.ts';
