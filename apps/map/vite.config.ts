import { builtRegions, dataPath, readBuildManifest, verifyBuild } from '@cls/io';
import { defineConfig, type Plugin } from 'vite';
import { firstRequests } from './first-requests.ts';

/** Refuses to serve or bundle a `data/build/` that is missing or does not match its manifest. */
function checkedBuild(): Plugin {
  const check = () => {
    const regions = builtRegions();
    if (!regions.length) throw new Error('data/build absent : lancez d’abord « pnpm build:data »');
    for (const region of regions) {
      const problems = verifyBuild(readBuildManifest(region)!);
      if (problems.length)
        throw new Error(
          `data/build (région ${region}) ne correspond pas à son manifeste :\n${problems.slice(0, 10).join('\n')}`,
        );
    }
  };
  return { name: 'cls-checked-build', buildStart: check, configurePreviewServer: check };
}

/** The map serves `data/build/` (made by `pnpm build:data`) as static assets, next to the built app. */
export default defineConfig({
  base: './',
  publicDir: '../../data/build',
  plugins: [checkedBuild(), firstRequests(dataPath('build'), builtRegions())],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, target: 'es2022' },
  preview: { port: 4791, strictPort: true, host: '127.0.0.1' },
  server: { port: 4790, strictPort: true, host: '127.0.0.1' },
});
