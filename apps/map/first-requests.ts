import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The data the page waits for before its first draw, requested while its script still loads: a small script
 * in the page's head adds a `<link rel="preload" as="fetch">` for the deployment, the region's manifest, its
 * registry and its references (the region of the link, else the deployment's default), which the page's own
 * `fetch` calls then reuse. Without it they waited for the bundle, then for the deployment, then for the manifest.
 * The file lists are read from `data/build/` at build time (`map-<region>.json`: `registry`, `years[].file`).
 */
export function firstRequests(build: string, regions: readonly string[]): Plugin {
  return {
    name: 'cls-first-requests',
    transformIndexHtml() {
      const deployment = JSON.parse(readFileSync(join(build, 'deployment.json'), 'utf8')) as { defaultRegion: string };
      const files: Record<string, string[]> = {};
      for (const region of regions) {
        const m = JSON.parse(readFileSync(join(build, `map-${region}.json`), 'utf8')) as {
          registry: string;
          years: Array<{ file: string }>;
        };
        files[region] = [`map-${region}.json`, m.registry, ...m.years.map((y) => y.file)];
      }
      const script = `(() => {
  const files = ${JSON.stringify(files)};
  const region = new URLSearchParams(location.search).get('region') ?? ${JSON.stringify(deployment.defaultRegion)};
  for (const href of ['deployment.json', ...(files[region] ?? [])]) {
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: './' + href });
    document.head.append(link);
  }
})();`;
      return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
    },
  };
}
