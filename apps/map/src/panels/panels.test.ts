// @vitest-environment happy-dom
import {
  coverageChange,
  coverageFigures,
  REGIONS,
  createCoverageEngine,
  type Reference,
  type RegistryDocument,
} from '@cls/core';
import { doc as fixtureDoc, territory } from '@cls/core/test-documents.fixture';
import { describe, expect, it } from 'vitest';
import type { AppContext, AppState, Snapshot } from '../context.ts';
import { createStore } from '../store.ts';
import { ComparePanel } from './compare-panel.ts';
import { DatePanel } from './date-panel.ts';
import { DocumentsPanel } from './documents-panel.ts';
import { exportName } from './exports-panel.ts';
import { FiguresPanel } from './figures-panel.ts';
import { LegendPanel } from './legend-panel.ts';
import { NoRegistryPanel } from './no-registry-panel.ts';
import { searchTerritories } from './search-panel.ts';
import { TabsPanel } from './tabs-panel.ts';

/** Two communes of one EPCI in department 62, one covered by a CLS signed on 2024-01-15. */
const reference: Reference = {
  cog: 2024,
  populationYear: 2021,
  populationNote: null,
  source: 'test',
  region: '32',
  communes: [
    { code: '62498', name: 'Lens', department: '62', region: '32', population: 300, epci: '200000001' },
    { code: '62510', name: 'Liévin', department: '62', region: '32', population: 100, epci: '200000001' },
  ],
  epcis: [{ siren: '200000001', name: 'CA de Lens-Liévin', type: 'CA', members: ['62498', '62510'], population: 400 }],
  successions: {},
  regionOfCode: new Map([
    ['62498', '32'],
    ['62510', '32'],
  ]),
  regionsOfEpci: { '200000001': ['32'] },
};
const doc = fixtureDoc('lens-cls', ['62498'], 'cls', '2024-01-15', null, { territory: 'Lens', generation: 2 });
const engine = createCoverageEngine({
  documents: [doc],
  priority: [territory('praps-test', ['200000001'], { label: 'Test' })],
  referenceFor: () => reference,
  cogYears: [2024],
});
const dates = ['2024-01-15', '2024-01-31', '2024-02-29'];

function context(state: Partial<AppState> = {}): AppContext {
  const store = createStore<AppState>({
    date: '2024-02-29',
    since: null,
    sideBySide: false,
    selection: null,
    department: null,
    view: 'communes',
    tab: 'evolution',
    highlight: null,
    assumed: null,
    region: null,
    portrait: null,
    ...state,
  });
  const registry = {
    documents: [doc],
    undated: [],
    priority: [],
    published: [],
    files: {
      documents: { path: 'test.csv', sha256: '0', rows: 1, rejected: 0, errors: 0, warnings: 0, diagnostics: [] },
    },
  };
  const region = { code: '32', agency: 'ARS Hauts-de-France', logo: null, colour: null, ...REGIONS['32']! };
  return { store, engine, dates, now: '2024-02-29', registry, region, shippedRegistry: true } as unknown as AppContext;
}
const snapshotAt = (date: string): Snapshot => {
  const coverage = engine.coverageAt(date);
  return {
    coverage,
    figures: coverageFigures(coverage, engine),
    geometry: null as never,
    points: null,
    change: null,
    pair: null,
  };
};
/** The snapshot at `date` compared with `since`, as main.ts computes it. */
const changeSnapshot = (since: string, date: string): Snapshot => {
  const s = snapshotAt(date);
  return { ...s, change: coverageChange(engine.coverageAt(since), s.coverage) };
};

describe('DatePanel', () => {
  it('moves the store date with the slider, and shows the new date in French (aria-valuetext too)', () => {
    const ctx = context();
    const panel = new DatePanel();
    const el = panel.onAdd(ctx);
    const slider = el.querySelector<HTMLInputElement>('#curseur-date')!;
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    expect(ctx.store.get().date).toBe('2024-01-15');
    panel.update(snapshotAt('2024-01-15'), new Set(['date']));
    expect(el.querySelector('#date-courante')!.textContent).toBe('Au 15/01/2024');
    expect(slider.getAttribute('aria-valuetext')).toBe('15/01/2024');
    panel.onRemove();
    expect(el.isConnected).toBe(false);
  });
});

describe('FiguresPanel', () => {
  it('puts the sentence, the gauge and the gap first, and announces one short line', () => {
    const panel = new FiguresPanel();
    const el = panel.onAdd(context());
    panel.update(snapshotAt('2024-02-29'));
    const order = [...el.querySelectorAll('#phrase, #jauge, #ecart, dl')].map((x) => x.id || x.tagName);
    expect(order).toEqual(['phrase', 'jauge', 'ecart', 'DL']);
    // PRAPS communes: 400 inhabitants, 300 covered (75 %): the target is reached.
    expect(el.querySelector('#ecart')!.textContent).toContain('atteint');
    // Numbers are French (narrow no-break spaces before %).
    expect(el.querySelector('[role=status]')!.textContent!.replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Au 29/02/2024 : 300 habitants couverts, 75,0 % de la population des communes PRAPS (objectif 75 %).',
    );
    panel.update(snapshotAt('2024-01-14'));
    // The gap names the date it is measured at.
    expect(el.querySelector('#ecart')!.textContent).toContain('Au 14/01/2024, il manque 300 habitants');
  });

  it('shows a published figure of that date right under the sentence, with the registry’s value and the gap', () => {
    const ctx = context();
    (ctx.registry as { published: unknown[] }).published = [
      {
        id: 'ars',
        date: '2024-02-15',
        dateNote: '',
        scope: '32',
        sourceUrl: 'https://example.org/ars',
        publisher: 'ARS test',
        quote: '2 CLS, 40 % des territoires identifiés comme prioritaires',
        values: { cls: 2, priority_share: 0.4 },
        minGeneration: null,
        line: 2,
      },
    ];
    const panel = new FiguresPanel();
    const el = panel.onAdd(ctx);
    panel.update(snapshotAt('2024-02-29'));
    const order = [...el.querySelectorAll('#phrase, #publie, #jauge, #ecart')].map((x) => x.id);
    expect(order).toEqual(['phrase', 'publie', 'jauge', 'ecart']);
    const block = el.querySelector('#publie')!;
    expect(block.textContent).toContain('Publié par ARS test, chiffres au 15/02/2024');
    expect(block.querySelector('[data-mesure=cls]')!.textContent).toBe(
      'CLS en vigueur : publié 2, registre 1 (écart −1)',
    );
    expect(block.querySelector('[data-mesure=priority_share]')!.textContent).toContain(
      'définition non publiée : non recalculé',
    );
    expect(block.querySelector('a')!.getAttribute('href')).toBe('https://example.org/ars');
    // Three months later: no published figure within two months, no block.
    panel.update(snapshotAt('2024-05-31'));
    expect(el.querySelector('#publie')).toBeNull();
  });
});

describe('LegendPanel', () => {
  it('shows the statuses of the communes view and the classes of the EPCI view; a click highlights, twice clears', () => {
    const ctx = context();
    const panel = new LegendPanel();
    const el = panel.onAdd(ctx);
    panel.update(snapshotAt('2024-02-29'), new Set(['snapshot']));
    expect(el.textContent).toContain('Charte d’engagement seule');
    // Counts beside each class: Lens (300 inhabitants) has a CLS, Liévin (100) nothing.
    expect(el.querySelector('[data-status=cls]')!.getAttribute('data-count')).toBe('1');
    expect(el.querySelector('[data-status=cls] .compte')!.textContent).toBe('1 commune, 300 hab.');
    expect(el.querySelector('[data-status=none] .compte')!.textContent).toBe('1 commune, 100 hab.');
    const cls = el.querySelector<HTMLButtonElement>('[data-status=cls]')!;
    cls.click();
    expect(ctx.store.get().highlight).toBe('cls');
    el.querySelector<HTMLButtonElement>('[data-status=cls]')!.click();
    expect(ctx.store.get().highlight).toBeNull();
    ctx.store.set({ view: 'epci' });
    panel.update(snapshotAt('2024-02-29'), new Set(['view']));
    expect(el.textContent).toContain('En partie couvert');
    // Covered inhabitants of the class first (bug: "6 EPCI, 1,6 million hab." read as 1,6 million covered).
    expect(el.querySelector('[data-status=partial] .compte')!.textContent).toBe('1 EPCI, 300 hab. couverts sur 400');
    expect(el.textContent).not.toContain('Charte d’engagement seule');
  });

  it('explains only the outlines drawn: the PRAPS outline with a PRAPS in force, no QPV note without a QPV', () => {
    const panel = new LegendPanel();
    const el = panel.onAdd(context());
    panel.update(snapshotAt('2024-02-29'), new Set(['snapshot']));
    expect(el.textContent).toContain('contour bleu : territoire prioritaire PRAPS');
    expect(el.textContent).not.toContain('QPV');
    // Without priority territories (a region whose registry has none): no outline explained.
    const s = snapshotAt('2024-02-29');
    const none = {
      ...s,
      figures: { ...s.figures, priority: { ...s.figures.priority, praps: { ...s.figures.priority.praps, count: 0 } } },
    };
    panel.update(none, new Set(['snapshot']));
    expect(el.textContent).not.toContain('contour');
  });
});

describe('searchTerritories', () => {
  it('finds communes by name without accents and by code, EPCI by name, prefix matches first', () => {
    expect(searchTerritories(reference, 'lievin').map((x) => x.code)).toEqual(['62510', '200000001']);
    expect(searchTerritories(reference, '6249').map((x) => x.code)).toEqual(['62498']);
    expect(searchTerritories(reference, 'l')).toEqual([]);
  });
  it('reads "St"/"Ste" as Saint/Sainte and ranks exact, then prefix, then word, then inside', () => {
    const commune = (code: string, name: string) => ({
      code,
      name,
      department: '02',
      region: '32',
      population: 1,
      epci: null,
    });
    const ref = {
      ...reference,
      communes: [
        commune('02001', 'Fontaine-Notre-Dame-Saint-Quentin'),
        commune('02691', 'Saint-Quentin'),
        commune('02692', 'Saint-Quentin-Sainte-Lucie'),
        commune('02700', 'Sainte-Croix'),
      ],
      epcis: [],
    };
    expect(searchTerritories(ref, 'St Quentin').map((x) => x.code)).toEqual(['02691', '02692', '02001']);
    expect(searchTerritories(ref, 'ste croix').map((x) => x.code)).toEqual(['02700']);
    expect(searchTerritories(ref, 'St-Quentin').map((x) => x.code)[0]).toBe('02691');
  });
  it('ranks EPCI with communes by match quality, and finds them by their acronym (MEL, CABS, CA2BM)', () => {
    const epci = (siren: string, name: string, population: number) => ({
      siren,
      name,
      type: 'CA',
      members: [],
      population,
    });
    const commune = (code: string, name: string, population: number) => ({
      code,
      name,
      department: '02',
      region: '32',
      population,
      epci: null,
    });
    const ref = {
      ...reference,
      communes: [
        commune('02168', 'Château-Thierry', 14000),
        ...Array.from({ length: 12 }, (_, i) => commune(`0270${i}`, `Château-Village-${i}`, 100)),
      ],
      epcis: [
        epci('200072031', 'CA de la Région de Château-Thierry', 53000),
        epci('200093201', 'Métropole Européenne de Lille', 1_180_000),
        epci('200070993', 'CA de la Baie de Somme', 49000),
        epci('200069029', 'CA des Deux Baies en Montreuillois', 66000),
      ],
    };
    // Twelve small "Château-…" communes no longer push the agglomeration out of the list.
    expect(
      searchTerritories(ref, 'Château')
        .map((x) => x.code)
        .slice(0, 2),
    ).toEqual(['200072031', '02168']);
    expect(searchTerritories(ref, 'MEL')[0]!.code).toBe('200093201');
    expect(searchTerritories(ref, 'cabs')[0]!.code).toBe('200070993');
    expect(searchTerritories(ref, 'CA2BM')[0]!.code).toBe('200069029');
  });
});

describe('ComparePanel', () => {
  it('sets the comparison date, says what changed in French, and stops', () => {
    const ctx = context();
    const panel = new ComparePanel();
    const el = panel.onAdd(ctx);
    const input = el.querySelector<HTMLInputElement>('#date-comparaison')!;
    // Read as typed in French, whatever the browser's locale (a date field read 14/01/2024 as 01/14 in en-US).
    input.value = '14012024';
    input.dispatchEvent(new Event('change'));
    expect(ctx.store.get().since).toBe('2024-01-14');
    expect(input.value).toBe('14/01/2024');
    // An impossible date is refused, said under the field, and the comparison kept.
    input.value = '31/02/2024';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(ctx.store.get().since).toBe('2024-01-14');
    expect(el.querySelector('#date-comparaison-erreur')!.textContent).toBe(
      'Date refusée : le 31/02/2024 n’existe pas.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    panel.update(changeSnapshot('2024-01-14', '2024-02-29'), new Set(['since']));
    const summary = el.querySelector('#resume-comparaison')!;
    expect(summary.textContent).toBe(
      'Du 14/01/2024 au 29/02/2024 : 1 commune nouvellement couverte (300 hab.), 0 commune qui ne l’est plus ' +
        '(0 hab.), 0 commune couverte aux deux dates. Les deux dates sont lues dans la géographie de la plus récente.',
    );
    expect(summary.getAttribute('data-gained')).toBe('1');
    el.querySelector<HTMLButtonElement>('#arreter-comparaison')!.click();
    expect(ctx.store.get().since).toBeNull();
    panel.update(snapshotAt('2024-02-29'), new Set(['since']));
    expect((summary as HTMLElement).hidden).toBe(true);
    expect(input.value).toBe('');
  });

  it('the legend shows the change classes with their counts in the communes view, not in the EPCI view', () => {
    const ctx = context({ since: '2024-01-14' });
    const legend = new LegendPanel();
    const el = legend.onAdd(ctx);
    legend.update(changeSnapshot('2024-01-14', '2024-02-29'), new Set(['snapshot']));
    expect(el.querySelector('summary')!.textContent).toBe('Légende : évolution du 14/01/2024 au 29/02/2024');
    expect(el.querySelector('[data-status=gained] .compte')!.textContent).toBe('1 commune, 300 hab.');
    expect(el.querySelector('[data-status=never] .compte')!.textContent).toBe('1 commune, 100 hab.');
    ctx.store.set({ view: 'epci' });
    legend.update(changeSnapshot('2024-01-14', '2024-02-29'), new Set(['view']));
    expect(el.querySelector('[data-status=gained]')).toBeNull();
  });
});

describe('DocumentsPanel', () => {
  const older: RegistryDocument = {
    ...doc,
    id: 'lievin-charte',
    territory: 'Liévin',
    perimeter: ['62510'],
    docType: 'charte',
    signedOn: '2023-05-31',
    signedPrecision: 'month',
    verified: false,
    line: 3,
  };
  const registry = {
    documents: [doc, older],
    undated: [
      {
        id: 'lens-cls-1',
        territory: 'Lens',
        perimeter: ['62498'],
        docType: 'cls' as const,
        generation: 1,
        verified: true,
        sourceUrl: 'https://example.org/u',
        evidence: 'un premier CLS',
        dateNote: 'avant 2015',
        line: 2,
      },
    ],
    published: [],
    files: { documents: { path: 'data/registry/documents.csv', rejected: 0 } },
  };
  const mount = (tab: AppState['tab'] = 'documents') => {
    const ctx = { ...context({ tab }), registry, referenceFor: () => reference } as unknown as AppContext;
    const panel = new DocumentsPanel();
    return { panel, el: panel.onAdd(ctx), ctx };
  };
  const ids = (el: HTMLElement) => [...el.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-id'));

  it('is listed only once its tab is shown (a 50,000-row registry cost seconds at every load)', () => {
    const { panel, el, ctx } = mount('evolution');
    expect(el.querySelector('tbody')).toBeNull();
    ctx.store.set({ tab: 'documents' });
    panel.update(snapshotAt('2024-02-29'), new Set(['tab']));
    expect(ids(el)).toEqual(['lievin-charte', 'lens-cls', 'lens-cls-1']);
  });
  it('lists every row, dated by signature then the undated one, with the precision of the source', () => {
    const { el } = mount();
    expect(ids(el)).toEqual(['lievin-charte', 'lens-cls', 'lens-cls-1']);
    const cells = [...el.querySelectorAll('tbody tr')].map((r) => r.children[2]!.textContent);
    expect(cells).toEqual(['mai 2023', '15/01/2024', 'date inconnue (avant 2015)']);
    expect(el.querySelector('#completude')!.textContent).toContain('2 documents datés et sourcés (dont 1 non vérifié)');
    expect(el.querySelector('caption')!.textContent).toContain('3 documents affichés sur 3 (2 datés, 1 sans date)');
  });

  it('sorts by a column (twice: the other way; undated rows stay last) and filters by type and verification', () => {
    const { el } = mount();
    el.querySelector<HTMLButtonElement>('[data-tri=signed]')!.click();
    expect(ids(el)).toEqual(['lens-cls', 'lievin-charte', 'lens-cls-1']);
    expect(el.querySelector('th[aria-sort=descending]')!.textContent).toBe('Signature');
    el.querySelector<HTMLButtonElement>('[data-tri=territory]')!.click();
    expect(ids(el).slice(0, 2)).toEqual(['lens-cls', 'lens-cls-1']);
    const type = el.querySelector<HTMLSelectElement>('#documents-type')!;
    type.value = 'cls';
    type.dispatchEvent(new Event('change'));
    expect(ids(el).sort()).toEqual(['lens-cls', 'lens-cls-1']);
    type.value = '';
    type.dispatchEvent(new Event('change'));
    const verified = el.querySelector<HTMLSelectElement>('#documents-verifie')!;
    verified.value = 'no';
    verified.dispatchEvent(new Event('change'));
    expect(ids(el)).toEqual(['lievin-charte']);
  });
});

describe('TabsPanel', () => {
  /** The five blocks below the map, and the tab list mounted over them. */
  function mount(tab: AppState['tab'] = 'evolution') {
    document.body.innerHTML = ['bloc-graphique', 'bloc-tableau', 'bloc-prioritaires', 'bloc-documents', 'bloc-sources']
      .map((id) => `<div id="${id}"></div>`)
      .join('');
    const ctx = context({ tab });
    const panel = new TabsPanel();
    const el = panel.onAdd(ctx);
    document.body.prepend(el);
    ctx.store.subscribe((_, changed) => panel.update(snapshotAt('2024-02-29'), changed));
    const shown = () => [...document.querySelectorAll<HTMLElement>('[role=tabpanel]')].filter((p) => !p.hidden);
    return { ctx, el, shown };
  }

  it('shows the tab of the link only, each panel labelled by its tab', () => {
    const { el, shown } = mount('documents');
    expect(shown().map((p) => p.id)).toEqual(['bloc-documents']);
    expect(el.querySelector('[aria-selected=true]')!.id).toBe('onglet-documents');
    expect(document.getElementById('bloc-documents')!.getAttribute('aria-labelledby')).toBe('onglet-documents');
    expect([...el.querySelectorAll('[role=tab]')].map((t) => (t as HTMLElement).tabIndex)).toEqual([-1, -1, -1, 0, -1]);
  });

  it('a click selects a tab through the store; arrows wrap around, Home and End go to the ends', () => {
    const { ctx, el, shown } = mount();
    el.querySelector<HTMLButtonElement>('#onglet-prioritaires')!.click();
    expect(ctx.store.get().tab).toBe('prioritaires');
    expect(shown().map((p) => p.id)).toEqual(['bloc-prioritaires']);
    const key = (from: string, k: string) =>
      el.querySelector(`#onglet-${from}`)!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('prioritaires', 'ArrowRight');
    expect(ctx.store.get().tab).toBe('documents');
    key('evolution', 'ArrowLeft');
    expect(ctx.store.get().tab).toBe('sources');
    expect(document.activeElement!.id).toBe('onglet-sources');
    key('sources', 'Home');
    expect(shown().map((p) => p.id)).toEqual(['bloc-graphique']);
    key('evolution', 'End');
    expect(ctx.store.get().tab).toBe('sources');
    key('sources', 'a');
    expect(ctx.store.get().tab).toBe('sources');
  });
});

describe('exportName', () => {
  it('carries the region, the department when filtered, the view and the date', () => {
    expect(exportName('carte-cls', '2024-06-30', 'png', { region: '32', department: '62', view: 'epci' })).toBe(
      'carte-cls-32-dep62-epci-2024-06-30.png',
    );
    expect(exportName('chiffres-cls', '2019-06-30', 'csv', { region: '32' })).toBe(
      'chiffres-cls-32-communes-2019-06-30.csv',
    );
    expect(exportName('chiffres-cls', '2024-06-30', 'csv', { region: '53', department: '29' })).toBe(
      'chiffres-cls-53-dep29-communes-2024-06-30.csv',
    );
  });
});

describe('NoRegistryPanel', () => {
  it('says that the region has no registry and shows no figure (no « 0 % »)', () => {
    const ctx = context();
    const region = {
      code: '53',
      agency: 'Agence régionale de santé Bretagne',
      logo: null,
      colour: null,
      ...REGIONS['53']!,
    };
    const el = new NoRegistryPanel().onAdd({ ...ctx, region, shippedRegistry: false });
    expect(el.querySelector('h2')!.textContent).toBe('Aucun registre des CLS en Bretagne');
    expect(el.textContent).toContain('charger un registre');
    expect(el.textContent).toContain('l’objectif de couverture ne peut pas être mesuré');
    expect(el.textContent).not.toMatch(/\d\s*%/);
    const block = new NoRegistryPanel('Évolution').onAdd({ ...ctx, region, shippedRegistry: false });
    expect(block.textContent).toBe('Évolution : aucun registre chargé pour la région Bretagne.');
  });
});
