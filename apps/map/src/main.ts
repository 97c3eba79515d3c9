import './style.css';
import {
  codeMapping,
  cogYearAt,
  contractCount,
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  formatInteger,
  formatPercent,
  priorityInForce,
  timeline,
  timelineDates,
  today,
  type CogYear,
  type Coverage,
  type CoverageFigures,
  type Reference,
  type TimelinePoint,
  plural,
  signedPhrase,
  toCsv,
} from '@cls/core';
import { dissolveBy } from '@cls/geo';
import { byId, capitalize, fill, frDate, h } from './dom.ts';
import {
  loadBaseData,
  loadCommuneIndex,
  loadGeometry,
  loadManifest,
  tileSetsOf,
  type CommuneIndex,
  type RegistryFile,
} from './data.ts';
import {
  COMMUNE_FEATURES,
  EPCI_FEATURES,
  applyStatuses,
  createMap,
  showOnly,
  showTiles,
  type maplibregl,
} from './map-view.ts';
import { STATUS_COLORS, STATUS_LABELS, type MapStatus } from './palette.ts';
import { readUrlState, writeUrlState, type UrlState } from './url-state.ts';
import { renderChart } from './chart.ts';

declare global {
  /** What the browser tests read: readiness, timings, errors, figures and what the map shows. */
  interface Window {
    __cls: {
      ready: boolean;
      firstDrawMs: number | null;
      steps: number[];
      errors: string[];
      dates: string[];
      figures: () => CoverageFigures | null;
      /** Keys (code, SIREN or territory id) of the features a layer draws in the current view. */
      rendered: (layer: string) => string[];
      /** The map's view [west, south, east, north]. */
      view: () => [number, number, number, number];
    };
  }
}
window.__cls = {
  ready: false,
  firstDrawMs: null,
  steps: [],
  errors: [],
  dates: [],
  figures: () => null,
  rendered: () => [],
  view: () => [0, 0, 0, 0],
};

const DEPARTMENTS: Record<string, string> = {
  '02': 'Aisne',
  '59': 'Nord',
  '60': 'Oise',
  '62': 'Pas-de-Calais',
  '80': 'Somme',
};
const DOC_LABELS: Record<string, string> = {
  charte: 'Charte d’engagement',
  cls: 'CLS',
  avenant: 'Avenant',
  renouvellement: 'Renouvellement',
};

/** The commune polygons drawn (those of a geometry year, as vector tiles) and the COG year they show. */
interface Geometry {
  baseYear: CogYear;
  /** Geometry-year code and bbox of each commune feature id. */
  index: CommuneIndex;
  cog: CogYear | null;
  /** COG-year commune code of each feature id (merged communes: their successor). */
  target: string[];
}

async function start(): Promise<void> {
  performance.mark('cls:start');
  // Everything the first draw needs is requested at once: map, registry, references, geometry.
  const url = readUrlState(location.search);
  const manifest = await loadManifest();
  const firstSets = tileSetsOf(
    manifest,
    cogYearAt(
      url.date ?? today(),
      manifest.years.map((y) => y.cog),
    ).cog,
  );
  void loadCommuneIndex(firstSets.index);
  const baseData = loadBaseData(manifest);
  // Creating the WebGL context blocks the main thread: the requests above are already in flight, and
  // the map fetches its first tiles (pre-cut by build:data) as soon as its style is set.
  const mapReady = createMap(byId('carte'), {
    ...manifest.tiles,
    communes: firstSets.communes,
    contours: firstSets.contours,
  });
  const { registry, references } = await baseData;
  performance.mark('cls:data');
  const cogYears = [...references.keys()].sort((a, b) => a - b);
  const referenceFor = (cog: CogYear): Reference => {
    const r = references.get(cog);
    if (!r) throw new Error(`COG ${cog} non chargé`);
    return r;
  };
  const engine = createCoverageEngine({
    documents: registry.documents,
    priority: registry.priority,
    referenceFor,
    cogYears,
  });
  const now = today();
  const dates = timelineDates(engine, { to: now }).map((d) => d.date);
  if (dates[dates.length - 1] !== now) dates.push(now);
  const state: UrlState & { date: string; highlight: MapStatus | null } = {
    ...url,
    date: url.date ?? now,
    highlight: null,
  };

  const map = await mapReady;
  performance.mark('cls:map-loaded');
  let geometry: Geometry | null = null;
  let previous: MapStatus[] | null = null;
  let previousEpci: MapStatus[] | null = null;
  let coverage: Coverage | null = null;
  let figures: CoverageFigures | null = null;
  let points: TimelinePoint[] | null = null;
  let dimApplied = false;

  async function ensureGeometry(cog: CogYear): Promise<Geometry> {
    const sets = tileSetsOf(manifest, cog);
    if (!geometry || geometry.baseYear !== sets.base) {
      const index = await loadCommuneIndex(sets.index);
      performance.mark('cls:geometry');
      showTiles(map, 'communes', sets.communes);
      geometry = { baseYear: sets.base, index, cog: null, target: [] };
      previous = null;
    }
    if (geometry.cog !== cog) {
      const mapping = codeMapping(referenceFor(geometry.baseYear), referenceFor(cog));
      geometry.target = geometry.index.codes.map((code) => mapping.get(code)?.[0] ?? code);
      showTiles(map, 'contours', sets.contours);
      geometry.cog = cog;
      previousEpci = null;
    }
    return geometry;
  }

  /** Priority territories in force: PRAPS outlined, communes with a QPV marked (filters on pre-cut outlines). */
  let priorityKey = '';
  function drawPriority(cog: CogYear, date: string): void {
    const inForce = registry.priority.filter((t) => priorityInForce(t, date));
    const key = `${cog}:${inForce.map((t) => t.id).join('|')}`;
    if (key === priorityKey) return;
    priorityKey = key;
    const ref = referenceFor(cog);
    const qpv = new Set<string>();
    for (const t of inForce)
      if (t.kind === 'qpv') for (const i of engine.territoryCommunes(t, cog)) qpv.add(ref.communes[i]!.code);
    showOnly(
      map,
      'prioritaires-trait',
      'key',
      inForce.filter((t) => t.kind === 'praps').map((t) => t.id),
    );
    showOnly(map, 'qpv', 'code', [...qpv]);
  }

  async function update(reason: 'init' | 'date' | 'filter' | 'selection' | 'view'): Promise<void> {
    const stepStart = performance.now();
    const c = engine.coverageAt(state.date);
    const g = await ensureGeometry(c.cog);
    drawPriority(c.cog, state.date);
    coverage = c;
    figures = coverageFigures(c, engine);
    const byCode = new Map(c.communes.map((x) => [x.code, x]));
    const ref = c.reference;
    const depOf = new Map(ref.communes.map((x) => [x.code, x.department]));
    const statuses = g.target.map((code): MapStatus => {
      const cc = byCode.get(code);
      return !cc ? 'none' : cc.status !== 'none' ? cc.status : cc.expired ? 'expired' : 'none';
    });
    previous = applyStatuses(map, COMMUNE_FEATURES, statuses, previous);
    // EPCI view: the status covering most of the EPCI's population.
    const popBy = new Map<string, Record<MapStatus, number>>();
    const communeByCode = new Map(ref.communes.map((x) => [x.code, x]));
    for (const x of c.communes) {
      const info = communeByCode.get(x.code)!;
      if (!info.epci) continue;
      let acc = popBy.get(info.epci);
      if (!acc) popBy.set(info.epci, (acc = { cls: 0, charte: 0, expired: 0, none: 0 }));
      acc[x.status !== 'none' ? x.status : x.expired ? 'expired' : 'none'] += info.population;
    }
    const epciStatuses = ref.epcis.map((e): MapStatus => {
      const acc = popBy.get(e.siren);
      if (!acc) return 'none';
      return (Object.entries(acc) as Array<[MapStatus, number]>).sort((a, b) => b[1] - a[1])[0]![0];
    });
    previousEpci = applyStatuses(map, EPCI_FEATURES, epciStatuses, previousEpci);
    // Department filter: dim the others (nothing to do while no filter was ever set).
    if ((reason !== 'date' || state.department) && (state.department || dimApplied)) {
      dimApplied = !!state.department;
      g.target.forEach(
        (code, i) =>
          void map.setFeatureState(
            { ...COMMUNE_FEATURES, id: i },
            { dim: !!state.department && depOf.get(code) !== state.department },
          ),
      );
      ref.epcis.forEach(
        (e, i) =>
          void map.setFeatureState(
            { ...EPCI_FEATURES, id: i },
            { dim: !!state.department && !e.members.some((m) => depOf.get(m) === state.department) },
          ),
      );
    }
    map.setLayoutProperty('epci-fond', 'visibility', state.view === 'epci' ? 'visible' : 'none');
    map.setLayoutProperty('communes-fond', 'visibility', state.view === 'epci' ? 'none' : 'visible');
    applyHighlight();
    renderFigures();
    renderDetail();
    renderSources();
    renderTable();
    if (points) renderChartBlock();
    history.replaceState(null, '', writeUrlState(state) || location.pathname);
    if (reason === 'date') {
      // A slider step: the engine, the panels and the repaint of the changed feature-states.
      map.once('render', () => {
        window.__cls.steps.push(performance.now() - stepStart);
      });
      map.triggerRepaint();
    }
  }

  function applyHighlight(): void {
    const hl = state.highlight;
    const opacity = hl
      ? ['case', ['==', ['coalesce', ['feature-state', 'status'], 'none'], hl], 1, 0.2]
      : ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1];
    map.setPaintProperty('communes-fond', 'fill-opacity', opacity as maplibregl.ExpressionSpecification);
    map.setPaintProperty('epci-fond', 'fill-opacity', opacity as maplibregl.ExpressionSpecification);
    for (const b of document.querySelectorAll<HTMLButtonElement>('#legende button'))
      b.setAttribute('aria-pressed', String(b.dataset.status === hl));
  }

  // ----- Panels -----
  function renderDateBlock(): void {
    const slider = h('input', {
      type: 'range',
      id: 'curseur-date',
      min: 0,
      max: dates.length - 1,
      step: 1,
      value: Math.max(0, nearestIndex(state.date)),
      'aria-describedby': 'date-courante',
    });
    const label = h('p', { id: 'date-courante', class: 'date-courante' }, `Au ${frDate(state.date)}`);
    const play = h('button', { type: 'button', id: 'lecture', 'aria-pressed': 'false' }, '▶ Lecture');
    const input = h('input', {
      type: 'date',
      id: 'date-saisie',
      value: state.date,
      min: dates[0],
      max: now,
      'aria-label': 'Date exacte',
    });
    let timer: number | null = null;
    const setDate = (d: string) => {
      state.date = d;
      label.textContent = `Au ${frDate(d)}`;
      input.value = d;
      void update('date');
    };
    slider.addEventListener('input', () => setDate(dates[Number(slider.value)]!));
    input.addEventListener('change', () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(input.value)) {
        slider.value = String(nearestIndex(input.value));
        setDate(input.value);
      }
    });
    play.addEventListener('click', () => {
      if (timer !== null) {
        clearInterval(timer);
        timer = null;
        play.setAttribute('aria-pressed', 'false');
        play.textContent = '▶ Lecture';
        return;
      }
      if (Number(slider.value) >= dates.length - 1) slider.value = '0';
      play.setAttribute('aria-pressed', 'true');
      play.textContent = '❚❚ Pause';
      timer = window.setInterval(() => {
        const next = Number(slider.value) + 1;
        if (next >= dates.length) {
          play.click();
          return;
        }
        slider.value = String(next);
        setDate(dates[next]!);
      }, 350);
    });
    fill(
      byId('bloc-date'),
      h('label', { for: 'curseur-date' }, 'Date'),
      slider,
      label,
      h('div', { class: 'ligne' }, play, input),
      h(
        'p',
        { class: 'note' },
        `Du ${frDate(dates[0]!)} à aujourd’hui : chaque fin de mois et chaque date de signature.`,
      ),
    );
  }

  function nearestIndex(d: string): number {
    let best = 0;
    for (let i = 0; i < dates.length; i++) if (dates[i]! <= d) best = i;
    return best;
  }

  function renderFilters(): void {
    const dep = h(
      'select',
      { id: 'filtre-departement' },
      h('option', { value: '' }, 'Toute la région'),
      ...Object.entries(DEPARTMENTS).map(([code, name]) =>
        h('option', { value: code, selected: state.department === code }, `${code} – ${name}`),
      ),
    );
    dep.addEventListener('change', () => {
      state.department = dep.value || null;
      if (state.department) fitToDepartment(state.department);
      void update('filter');
    });
    const viewButtons = (['communes', 'epci'] as const).map((v) => {
      const b = h(
        'button',
        { type: 'button', class: 'secondaire', 'aria-pressed': String(state.view === v), 'data-vue': v },
        v === 'communes' ? 'Communes' : 'EPCI',
      );
      b.addEventListener('click', () => {
        state.view = v;
        for (const x of document.querySelectorAll<HTMLButtonElement>('[data-vue]'))
          x.setAttribute('aria-pressed', String(x.dataset.vue === v));
        void update('view');
      });
      return b;
    });
    fill(
      byId('bloc-filtres'),
      h('label', { for: 'filtre-departement' }, 'Département'),
      dep,
      h('p', { class: 'etiquette', id: 'vue-label' }, 'Vue'),
      h('div', { class: 'ligne', role: 'group', 'aria-labelledby': 'vue-label' }, ...viewButtons),
    );
  }

  function renderLegend(): void {
    const items = (Object.keys(STATUS_COLORS) as MapStatus[]).map((s) => {
      const b = h(
        'button',
        { type: 'button', 'data-status': s, 'aria-pressed': 'false', title: 'Mettre en évidence ces territoires' },
        h('span', { class: 'pastille', style: `background:${STATUS_COLORS[s]}` }),
        STATUS_LABELS[s],
      );
      b.addEventListener('click', () => {
        state.highlight = state.highlight === s ? null : s;
        applyHighlight();
      });
      return b;
    });
    fill(
      byId('legende'),
      h('p', { class: 'etiquette' }, 'Légende (cliquer pour isoler)'),
      ...items,
      h('p', { class: 'note' }, '— — contour bleu : territoire prioritaire PRAPS'),
      h('p', { class: 'note' }, '···· contour pointillé : commune avec QPV'),
    );
  }

  function renderFigures(): void {
    if (!figures) return;
    const f = figures;
    const p = f.priority;
    const dd = (key: string, value: number, text: string) =>
      h('dd', { 'data-fig': key, 'data-value': String(value) }, text);
    const dep = state.department ? f.byDepartment.find((d) => d.code === state.department) : null;
    fill(
      byId('bloc-chiffres'),
      h('h2', {}, `Chiffres au ${frDate(f.asOf)}`),
      h('p', { class: 'phrase', id: 'phrase' }, figuresSentence(f)),
      h(
        'dl',
        { class: 'chiffres' },
        h('dt', {}, 'CLS en vigueur'),
        dd('cls', contractCount(f), formatInteger(contractCount(f))),
        h('dt', {}, 'Chartes d’engagement'),
        dd('chartes', f.documents.charte, formatInteger(f.documents.charte)),
        h('dt', {}, 'Avenants'),
        dd('avenants', f.documents.avenant, formatInteger(f.documents.avenant)),
        h('dt', {}, 'Communes couvertes'),
        dd(
          'communes',
          f.covered.communes,
          `${formatInteger(f.covered.communes)} / ${formatInteger(f.region.communes)}`,
        ),
        h('dt', {}, 'Population couverte'),
        dd(
          'population',
          f.covered.population,
          `${formatInteger(f.covered.population)} (${formatPercent(f.covered.populationShare, 1)})`,
        ),
        h('dt', {}, 'Territoires PRAPS entièrement couverts'),
        dd(
          'praps',
          p.praps.covered,
          `${formatInteger(p.praps.covered)} / ${formatInteger(p.praps.count)}` +
            (p.praps.partlyCovered ? ` (${formatInteger(p.praps.partlyCovered)} en partie)` : ''),
        ),
        h('dt', {}, 'QPV entièrement couverts'),
        dd('qpv', p.qpv.covered, `${formatInteger(p.qpv.covered)} / ${formatInteger(p.qpv.count)}`),
        h('dt', {}, `${capitalize(p.measureLabel)} couverte`),
        dd(
          'prioritaire',
          p.populationCovered,
          `${formatInteger(p.populationCovered)} (${formatPercent(p.populationShare, 1)})`,
        ),
        h('dt', {}, `Écart à l’objectif de ${formatPercent(p.target)}`),
        dd(
          'ecart',
          p.gap ?? -1,
          p.gap === null ? 'non mesurable' : p.gap > 0 ? `${formatInteger(p.gap)} hab.` : 'atteint',
        ),
        ...(dep
          ? [
              h('dt', {}, `${dep.name} : population couverte`),
              dd(
                'departement',
                dep.coveredPopulation,
                `${formatInteger(dep.coveredPopulation)} (${formatPercent(dep.population ? dep.coveredPopulation / dep.population : 0, 1)})`,
              ),
            ]
          : []),
      ),
      p.known ? gauge(p.populationShare, p.target, p.measureLabel) : null,
      ...p.notes.map((n) => h('p', { class: 'note' }, `Note : ${n}.`)),
      f.unverifiedInForce
        ? h(
            'p',
            { class: 'note non-verifie' },
            `${plural(f.unverifiedInForce, 'document en vigueur non vérifié', 'documents en vigueur non vérifiés')} ` +
              '(date déduite ou à confirmer).',
          )
        : null,
      f.cogExact
        ? null
        : h(
            'p',
            { class: 'note' },
            `Le COG ${f.asOf.slice(0, 4)} n’est pas livré : communes et populations du COG ${f.cog}.`,
          ),
    );
  }

  function gauge(share: number, target: number, measure: string): HTMLElement {
    const NS = 'http://www.w3.org/2000/svg';
    const s = document.createElementNS(NS, 'svg');
    s.setAttribute('viewBox', '0 0 300 34');
    s.setAttribute('width', '100%');
    s.setAttribute('role', 'img');
    s.setAttribute(
      'aria-label',
      `${capitalize(measure)} couverte : ${formatPercent(share, 1)} pour un objectif de ${formatPercent(target)}`,
    );
    const rect = (x: number, w: number, color: string) => {
      const r = document.createElementNS(NS, 'rect');
      r.setAttribute('x', String(x));
      r.setAttribute('y', '6');
      r.setAttribute('width', String(w));
      r.setAttribute('height', '16');
      r.setAttribute('fill', color);
      return r;
    };
    const line = document.createElementNS(NS, 'line');
    for (const [k, v] of Object.entries({
      x1: 300 * target,
      x2: 300 * target,
      y1: 0,
      y2: 28,
      stroke: '#e1000f',
      'stroke-width': 3,
    }))
      line.setAttribute(k, String(v));
    s.append(rect(0, 300, '#e5e5e5'), rect(0, 300 * Math.min(1, share), STATUS_COLORS.cls), line);
    return h(
      'div',
      { class: 'jauge', id: 'jauge' },
      h('p', { class: 'etiquette' }, `Objectif ${formatPercent(target)} de la ${measure}`),
      s as unknown as HTMLElement,
    );
  }

  function renderDetail(): void {
    const box = byId('bloc-detail');
    if (!state.selection || !coverage) {
      fill(box, h('h2', {}, 'Détail'), h('p', { class: 'note' }, 'Cherchez ou cliquez une commune ou un EPCI.'));
      return;
    }
    const ref = coverage.reference;
    const docById = new Map(registry.documents.map((d) => [d.id, d]));
    const docList = (ids: readonly string[], expired = false) =>
      h(
        'ul',
        { class: 'docs' },
        ...ids.map((id) => {
          const d = docById.get(id)!;
          return h(
            'li',
            {},
            `${DOC_LABELS[d.docType]} – ${d.territory} – signé ${signedPhrase(d.signedOn, d.signedPrecision)}` +
              (d.endsOn ? `, ${expired ? 'terminé' : 'jusqu’au'} ${frDate(d.endsOn)} ` : ' '),
            h('a', { href: d.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, 'source'),
            d.verified ? null : h('span', { class: 'non-verifie' }, ' (non vérifié)'),
          );
        }),
      );
    if (state.selection.length === 9) {
      const e = ref.epcis.find((x) => x.siren === state.selection);
      if (!e) {
        fill(box, h('h2', {}, 'Détail'), h('p', {}, `EPCI ${state.selection} absent du COG ${coverage.cog}.`));
        return;
      }
      const members = coverage.communes.filter((c) => e.members.includes(c.code));
      const pop = ref.communes.filter((c) => e.members.includes(c.code)).reduce((s, c) => s + c.population, 0);
      const covered = members.filter((m) => m.status !== 'none');
      const ids = [...new Set(members.flatMap((m) => m.documents))];
      fill(
        box,
        h('h2', { id: 'detail-nom' }, `${e.name} (${e.siren})`),
        h(
          'p',
          {},
          `${e.type}, ${formatInteger(members.length)} communes dans la région, ${formatInteger(pop)} habitants (${ref.populationYear}).`,
        ),
        h('p', {}, `Communes couvertes : ${formatInteger(covered.length)} / ${formatInteger(members.length)}.`),
        h('p', { class: 'etiquette' }, ids.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
        docList(ids),
      );
      return;
    }
    const c = ref.communes.find((x) => x.code === state.selection);
    if (!c) {
      fill(box, h('h2', {}, 'Détail'), h('p', {}, `Commune ${state.selection} absente du COG ${coverage.cog}.`));
      return;
    }
    const cov = coverage.communes.find((x) => x.code === c.code)!;
    const epci = ref.epcis.find((e) => e.siren === c.epci);
    const prio = registry.priority.filter(
      (t) =>
        priorityInForce(t, state.date) &&
        [...engine.territoryCommunes(t, coverage!.cog)].some((i) => ref.communes[i]!.code === c.code),
    );
    const praps = prio.filter((t) => t.kind === 'praps').map((t) => t.label);
    const qpv = prio.filter((t) => t.kind === 'qpv').map((t) => `${t.label} (${t.id})`);
    fill(
      box,
      h('h2', { id: 'detail-nom' }, `${c.name} (${c.code})`),
      h(
        'p',
        {},
        `Population municipale ${ref.populationYear} : ${formatInteger(c.population)} habitants. EPCI : ${epci ? `${epci.name} (${epci.siren})` : 'aucun'}. Département ${c.department}.`,
      ),
      h('p', {}, `Statut : ${STATUS_LABELS[cov.status !== 'none' ? cov.status : cov.expired ? 'expired' : 'none']}.`),
      h(
        'p',
        {},
        `Territoire prioritaire : ${praps.length ? praps.join(', ') : 'non'}${qpv.length ? ` ; QPV : ${qpv.join(', ')}` : ''}.`,
      ),
      h('p', { class: 'etiquette' }, cov.documents.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
      docList(cov.documents),
      cov.expiredDocuments.length ? h('p', { class: 'etiquette' }, 'Documents terminés') : null,
      cov.expiredDocuments.length ? docList(cov.expiredDocuments, true) : null,
    );
  }

  function renderSources(): void {
    if (!figures) return;
    const y = manifest.years.find((x) => x.cog === figures!.cog)!;
    const unverified = registry.documents.filter((d) => !d.verified).length;
    const g = geometry;
    fill(
      byId('bloc-sources'),
      h('h2', {}, 'Sources et millésimes'),
      h(
        'ul',
        { class: 'docs' },
        h(
          'li',
          {},
          `Géographie : COG ${figures.cog}${g && g.baseYear !== figures.cog ? ` (contours ${g.baseYear} recodés)` : ''} ; communes et EPCI : ${y.source}.`,
        ),
        h(
          'li',
          {},
          `Populations municipales ${figures.populationYear} (INSEE)${figures.populationNote ? ` — ${figures.populationNote}` : ''}.`,
        ),
        h(
          'li',
          {},
          'Contours : IGN ADMIN EXPRESS COG, via gregoiredavid/france-geojson (mise à jour 2018-08-01) et contours administratifs Etalab 2024 via MTES-MCT/qualicharge (2024-08-02). Licence Ouverte 2.0.',
        ),
        h('li', {}, 'QPV 2024 : ANCT (liste, anct-carto/superposeur-V2). Licence Ouverte 2.0.'),
        h(
          'li',
          {},
          `Registre des CLS : ${registry.documents.length} documents sourcés, dont ${unverified} non vérifiés (dates déduites) ; empreinte ${registry.files.documents.sha256.slice(0, 12)}.`,
        ),
        ...Object.values(registry.files).map(registryFileItem),
      ),
    );
  }

  /** What the build found in a registry file: rows rejected and warnings, each with its line (never silently absent). */
  function registryFileItem(f: RegistryFile['files']['documents']): HTMLElement {
    const rejected = f.rejected ? plural(f.rejected, 'écartée', 'écartées') : 'aucune écartée';
    const warnings = f.warnings ? `, ${plural(f.warnings, 'avertissement', 'avertissements')}` : '';
    const head = `${f.path} : ${plural(f.rows, 'ligne', 'lignes')}, ${rejected}${warnings}`;
    if (!f.diagnostics.length) return h('li', { class: 'registre-fichier' }, `${head}.`);
    return h(
      'li',
      { class: 'registre-fichier' },
      h(
        'details',
        { open: f.rejected > 0 },
        h('summary', {}, head),
        h(
          'ul',
          {},
          ...f.diagnostics.map((d) =>
            h(
              'li',
              { class: d.severity === 'error' ? 'probleme erreur' : 'probleme' },
              `${d.severity === 'error' ? 'Ligne écartée' : 'Avertissement'}${d.line ? `, ligne ${d.line}` : ''}${d.field ? `, ${d.field}` : ''} : ${d.message}`,
            ),
          ),
        ),
      ),
    );
  }

  function renderTable(): void {
    if (!figures || !coverage) return;
    const rows =
      state.view === 'epci'
        ? figures.byEpci.filter(
            (e) =>
              !state.department ||
              coverage!.reference.epcis
                .find((x) => x.siren === e.code)
                ?.members.some((m) => m.startsWith(state.department!)),
          )
        : figures.byDepartment.filter((d) => !state.department || d.code === state.department);
    const caption = state.view === 'epci' ? 'Couverture par EPCI' : 'Couverture par département';
    const t = h(
      'table',
      { id: 'tableau' },
      h('caption', { class: 'etiquette' }, `${caption} au ${frDate(figures.asOf)}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Code'),
          h('th', { scope: 'col' }, 'Nom'),
          h('th', { scope: 'col', class: 'nombre' }, 'Communes couvertes'),
          h('th', { scope: 'col', class: 'nombre' }, 'Population couverte'),
          h('th', { scope: 'col', class: 'nombre' }, 'Part'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            h('td', {}, r.code),
            h('td', {}, r.name),
            h('td', { class: 'nombre' }, `${formatInteger(r.coveredCommunes)} / ${formatInteger(r.communes)}`),
            h('td', { class: 'nombre' }, formatInteger(r.coveredPopulation)),
            h('td', { class: 'nombre' }, formatPercent(r.population ? r.coveredPopulation / r.population : 0, 1)),
          ),
        ),
      ),
    );
    fill(
      byId('bloc-tableau'),
      h('h2', {}, 'Tableau (vue accessible de la carte)'),
      h('div', { class: 'tableau-defilant' }, t),
    );
  }

  function renderChartBlock(): void {
    if (!points) return;
    fill(
      byId('bloc-graphique'),
      h('h2', {}, 'Évolution de la couverture'),
      renderChart(points, state.date, 0.75) as unknown as HTMLElement,
    );
  }

  function renderSearch(): void {
    const input = h('input', {
      type: 'search',
      id: 'recherche',
      role: 'combobox',
      'aria-expanded': 'false',
      'aria-controls': 'resultats',
      'aria-autocomplete': 'list',
      autocomplete: 'off',
      placeholder: 'Nom ou code (commune, EPCI)',
    });
    const list = h('ul', {
      id: 'resultats',
      role: 'listbox',
      class: 'listbox',
      hidden: true,
      'aria-label': 'Résultats',
    });
    let items: Array<{ code: string; label: string }> = [];
    let active = -1;
    const norm = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[-'’]/g, ' ');
    const show = () => {
      list.replaceChildren(
        ...items.map((it, i) => {
          const li = h(
            'li',
            { role: 'option', id: `res-${i}`, 'aria-selected': String(i === active), 'data-code': it.code },
            it.label,
          );
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            choose(i);
          });
          return li;
        }),
      );
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
      if (active >= 0) input.setAttribute('aria-activedescendant', `res-${active}`);
      else input.removeAttribute('aria-activedescendant');
    };
    const choose = (i: number) => {
      const it = items[i];
      if (!it) return;
      input.value = it.label;
      items = [];
      active = -1;
      show();
      select(it.code, true);
    };
    input.addEventListener('input', () => {
      const q = norm(input.value.trim());
      const ref = coverage?.reference;
      if (!ref || q.length < 2) {
        items = [];
        show();
        return;
      }
      const starts: typeof items = [],
        contains: typeof items = [];
      for (const c of ref.communes) {
        const n = norm(c.name);
        const it = { code: c.code, label: `${c.name} (${c.code})` };
        if (c.code.startsWith(q) || n.startsWith(q)) starts.push(it);
        else if (n.includes(q)) contains.push(it);
      }
      for (const e of ref.epcis) {
        const n = norm(e.name);
        const it = { code: e.siren, label: `${e.name} (EPCI ${e.siren})` };
        if (e.siren.startsWith(q) || n.includes(q)) contains.push(it);
      }
      starts.sort((a, b) => a.label.length - b.label.length);
      items = [...starts, ...contains].slice(0, 10);
      active = items.length ? 0 : -1;
      show();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        active = Math.min(items.length - 1, active + 1);
        show();
        e.preventDefault();
      } else if (e.key === 'ArrowUp') {
        active = Math.max(0, active - 1);
        show();
        e.preventDefault();
      } else if (e.key === 'Enter') {
        if (active >= 0) {
          choose(active);
          e.preventDefault();
        }
      } else if (e.key === 'Escape') {
        items = [];
        active = -1;
        show();
      }
    });
    fill(byId('bloc-recherche'), h('label', { for: 'recherche' }, 'Rechercher une commune ou un EPCI'), input, list);
  }

  /** Zooms on the communes drawn whose COG-year code passes `keep` (bboxes from the tile index, no polygon needed). */
  function fitTo(keep: (code: string) => boolean): void {
    const g = geometry as Geometry | null;
    if (!g) return;
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity;
    g.target.forEach((code, i) => {
      if (!keep(code)) return;
      const b = g.index.bboxes[i]!;
      w = Math.min(w, b[0]);
      s = Math.min(s, b[1]);
      e = Math.max(e, b[2]);
      n = Math.max(n, b[3]);
    });
    if (w <= e)
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 40, duration: 0, maxZoom: 11 },
      );
  }

  function fitToDepartment(dep: string): void {
    if (!coverage) return;
    const depOf = new Map(coverage.reference.communes.map((c) => [c.code, c.department]));
    fitTo((code) => depOf.get(code) === dep);
  }

  function select(code: string | null, zoom: boolean): void {
    state.selection = code;
    const g = geometry as Geometry | null;
    // The polygons drawn for a commune: those of the geometry year that map to it (a merged commune has several).
    showOnly(
      map,
      'selection',
      'code',
      code && code.length === 5 && g ? g.index.codes.filter((_, i) => g.target[i] === code) : [],
    );
    map.setFilter('selection-epci', ['==', ['get', 'key'], code && code.length === 9 ? code : '']);
    if (zoom && code && coverage) {
      const members = new Set(
        code.length === 9 ? coverage.reference.epcis.find((e) => e.siren === code)?.members : [code],
      );
      fitTo((c) => members.has(c));
    }
    void update('selection');
  }

  function renderExports(): void {
    const button = (label: string, id: string, fn: () => void) => {
      const b = h('button', { type: 'button', class: 'secondaire', id }, label);
      b.addEventListener('click', fn);
      return b;
    };
    const download = (name: string, content: string | Blob, type: string) => {
      const blob = content instanceof Blob ? content : new Blob([content], { type });
      const a = h('a', {});
      a.setAttribute('href', URL.createObjectURL(blob));
      a.setAttribute('download', name);
      document.body.append(a);
      a.click();
      a.remove();
    };
    fill(
      byId('bloc-export'),
      h('h2', {}, 'Exporter'),
      h(
        'div',
        { class: 'ligne' },
        button('Chiffres (CSV)', 'export-chiffres', () => {
          if (!figures) return;
          const f = figures,
            p = f.priority;
          download(
            `chiffres-cls-${f.asOf}.csv`,
            toCsv([
              [
                ['indicateur', 'valeur'],
                ['date', f.asOf],
                ['cog', f.cog],
                ['annee_population', f.populationYear],
                ['cls_en_vigueur', contractCount(f)],
                ['chartes_en_vigueur', f.documents.charte],
                ['avenants_en_vigueur', f.documents.avenant],
                ['communes', f.region.communes],
                ['communes_couvertes', f.covered.communes],
                ['population', f.region.population],
                ['population_couverte', f.covered.population],
                ['part_population_couverte', f.covered.populationShare],
                ['praps_en_vigueur', p.praps.count],
                ['praps_entierement_couverts', p.praps.covered],
                ['praps_en_partie', p.praps.partlyCovered],
                ['population_communes_praps', p.praps.population],
                ['population_communes_praps_couverte', p.praps.populationCovered],
                ['qpv_en_vigueur', p.qpv.count],
                ['qpv_entierement_couverts', p.qpv.covered],
                ['qpv_avec_population', p.qpv.withPopulation],
                ['mesure_objectif', p.measureLabel],
                ['population_objectif', p.population],
                ['population_objectif_couverte', p.populationCovered],
                ['part_population_objectif', p.populationShare],
                ['objectif', p.target],
                ['ecart_habitants', p.gap],
              ],
            ]),
            'text/csv;charset=utf-8',
          );
        }),
        button('Territoires (CSV)', 'export-territoires', () => {
          if (!coverage || !figures) return;
          const ref = coverage.reference;
          const info = new Map(ref.communes.map((c) => [c.code, c]));
          const rows: Array<Array<string | number>> =
            state.view === 'epci'
              ? [
                  ['siren', 'nom', 'communes', 'communes_couvertes', 'population', 'population_couverte'],
                  ...figures.byEpci.map((e) => [
                    e.code,
                    e.name,
                    e.communes,
                    e.coveredCommunes,
                    e.population,
                    e.coveredPopulation,
                  ]),
                ]
              : [
                  ['insee', 'nom', 'departement', 'epci', 'population', 'statut', 'documents'],
                  ...coverage.communes
                    .filter((c) => !state.department || info.get(c.code)!.department === state.department)
                    .map((c) => {
                      const i = info.get(c.code)!;
                      return [
                        c.code,
                        i.name,
                        i.department,
                        i.epci ?? '',
                        i.population,
                        c.status !== 'none' ? c.status : c.expired ? 'expire' : 'aucun',
                        c.documents.join('|'),
                      ];
                    }),
                ];
          download(`territoires-cls-${figures.asOf}.csv`, toCsv([rows]), 'text/csv;charset=utf-8');
        }),
        button('Zone couverte (GeoJSON)', 'export-geojson', () => {
          if (!geometry || !coverage) return;
          const g = geometry,
            c = coverage;
          const byCode = new Map(c.communes.map((x) => [x.code, x.status]));
          const targetOf = new Map(g.index.codes.map((code, i) => [code, g.target[i]!]));
          // The polygons themselves are loaded only here: the map draws pre-cut tiles.
          void loadGeometry(manifest, g.baseYear).then(
            (topology) => {
              const fc = dissolveBy(topology, (code) => {
                const s = byCode.get(targetOf.get(code)!);
                return s && s !== 'none' ? s : null;
              });
              download(
                `zone-couverte-${c.asOf}.geojson`,
                JSON.stringify({
                  ...fc,
                  metadata: {
                    date: c.asOf,
                    cog: c.cog,
                    source: 'IGN ADMIN EXPRESS, registre CLS ; Licence Ouverte 2.0',
                  },
                }),
                'application/geo+json',
              );
            },
            (e: unknown) => window.__cls.errors.push(String((e as Error).message)),
          );
        }),
        button('Carte (PNG)', 'export-png', () => {
          map.getCanvas().toBlob((b) => {
            if (b) download(`carte-cls-${state.date}.png`, b, 'image/png');
          });
        }),
        button('Copier le lien', 'copier-lien', () => {
          void navigator.clipboard?.writeText(location.href);
        }),
      ),
    );
  }

  // Clicks on the map select a commune or an EPCI.
  map.on('click', (e) => {
    const layer = state.view === 'epci' ? 'epci-fond' : 'communes-fond';
    const f = map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
    if (!f || !geometry) return;
    select(state.view === 'epci' ? String(f.properties.key) : geometry.target[Number(f.id)]!, false);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = map.queryRenderedFeatures(e.point, { layers: ['communes-fond', 'epci-fond'] }).length
      ? 'pointer'
      : '';
  });

  renderDateBlock();
  renderFilters();
  renderSearch();
  renderLegend();
  renderExports();
  await update('init');
  performance.mark('cls:first-update');
  if (state.selection) select(state.selection, true);
  else if (state.department) fitToDepartment(state.department);
  map.once('idle', () => {
    window.__cls.firstDrawMs = performance.now();
    window.__cls.ready = true;
    byId('etat-chargement').hidden = true;
    // The chart needs the figures at every date: computed once the map is drawn.
    setTimeout(() => {
      points = timeline(engine, { to: now });
      renderChartBlock();
    }, 0);
  });
  window.__cls.figures = () => figures;
  window.__cls.dates = dates;
  window.__cls.rendered = (layer) => [
    ...new Set(
      map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.code ?? f.properties.key)),
    ),
  ];
  window.__cls.view = () => map.getBounds().toArray().flat() as [number, number, number, number];
}

window.addEventListener('error', (e) => window.__cls.errors.push(String(e.message)));
start().catch((e: unknown) => {
  const el = document.getElementById('etat-chargement');
  if (el) {
    el.textContent = `Erreur : ${(e as Error).message}`;
    el.classList.add('erreur');
  }
  window.__cls.errors.push(String((e as Error).message));
  console.error(e);
});
