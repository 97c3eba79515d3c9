/**
 * The page's entry: reads the link, loads the region's data and the map at once, then hands them to
 * the page's controller (page.ts). It wires; the controller, the panels and the store decide.
 */
import './style.css';
import { cogYearAt, today, type CogYear } from '@cls/core';
import { loadBaseData, loadCommuneIndex, loadDeployment, loadManifest, tileSetsOf } from './data.ts';
import { byId } from './dom.ts';
import { regionToShow, showIdentity } from './identity.ts';
import { correctLink } from './link-corrections.ts';
import { drawnStatus } from './coverage-layers.ts';
import { createMap, type TileSpec } from './map-view.ts';
import { CoveragePage } from './page.ts';
import { mapError, startFailed } from './page-problems.ts';
import { initTestHooks } from './test-hooks.ts';
import { readUrlState } from './url-state.ts';

initTestHooks();

async function start(): Promise<void> {
  performance.mark('cls:start');
  const now = today();
  const link = readUrlState(location.search);
  // The region: the link's when this deployment holds it, else its default; the header names its agency.
  const deployment = await loadDeployment();
  const region = regionToShow(link.region, deployment);
  showIdentity(region, deployment);
  link.region = region.code === deployment.defaultRegion ? null : region.code;
  const manifest = await loadManifest(region.code);
  // Everything the first draw needs is requested at once: map, registry, references, geometry.
  const cogYears = manifest.years.map((y) => y.cog);
  void loadCommuneIndex(tileSetsOf(manifest, cogYearAt(link.date ?? now, cogYears).cog).index);
  const baseData = loadBaseData(manifest);
  // Creating the WebGL context blocks the main thread: the requests above are already in flight, and
  // the map fetches its first tiles (pre-cut by build:data) as soon as its style is set.
  const tiles = (cog: CogYear): TileSpec => {
    const sets = tileSetsOf(manifest, cog);
    const attribution = shortAttribution(manifest.geometry.map((g) => g.source));
    return {
      ...manifest.tiles,
      communes: sets.communes,
      contours: sets.contours,
      regionName: region.name,
      attribution,
    };
  };
  const mapReady = createMap(byId('carte'), tiles(cogYearAt(link.date ?? now, cogYears).cog), mapError);
  const { registry, references } = await baseData;
  performance.mark('cls:data');
  const referenceFor = (cog: number) => references.get(cog)!;
  // A wrong link is said, never silently shown as something else.
  const { url, notices } = correctLink(location.search, link, { region, deployment, referenceFor, cogYears, now });
  if (notices.length) {
    const avis = byId('avis');
    avis.textContent = `Lien corrigé : ${notices.join(' ; ')}.`;
    avis.hidden = false;
  }
  const map = await mapReady;
  performance.mark('cls:map-loaded');
  const page = new CoveragePage({ url, region, manifest, registry, references, map, tiles, now });
  exposeToTests(page, map);
  await page.start();
}

/**
 * The map's attribution line, short enough not to run over the timeline bar: IGN and the licences;
 * CARTElette named where its polygons (ODbL) are drawn. The sources panel gives each year's in full.
 */
function shortAttribution(sources: readonly string[]): string {
  const odbl = sources.some((s) => s.includes('CARTElette'));
  return `IGN – ADMIN EXPRESS COG${odbl ? ' ; © projet CARTElette, ODbL 1.0' : ''} ; Licence Ouverte 2.0 ; codes INSEE/DGCL`;
}

/** What the browser tests read of the page (see test-hooks.ts). */
function exposeToTests(page: CoveragePage, map: Awaited<ReturnType<typeof createMap>>): void {
  window.__cls.figures = () => page.figures();
  window.__cls.map = map;
  // A layer not in the style yet (the place names before the first draw) renders nothing.
  window.__cls.rendered = (layer) =>
    map.getLayer(layer)
      ? [
          ...new Set(
            map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.code ?? f.properties.key)),
          ),
        ]
      : [];
  window.__cls.view = () => map.getBounds().toArray().flat() as [number, number, number, number];
  window.__cls.project = (lon, lat) => {
    const p = map.project([lon, lat]);
    return [p.x, p.y];
  };
  window.__cls.comparedStatus = (kind, key) => page.comparedStatus(kind, key);
  window.__cls.comparedView = () => page.comparedView();
  window.__cls.featureStatus = (kind, key) =>
    drawnStatus(map, page.drawnGeometry(), page.snapshotReference(), kind, key);
}

start().catch(startFailed);
