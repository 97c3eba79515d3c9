import { isIsoDate, YEAR_RANGE } from '@cls/core';

/** The tabs of the lower part of the page, as written in a link (`?onglet=documents`). */
export const TABS = ['evolution', 'tableau', 'prioritaires', 'documents', 'sources'] as const;
export type TabId = (typeof TABS)[number];

/** The state a link carries: date, selection, department filter, view, the date compared with and the tab. */
export interface UrlState {
  date: string | null;
  /** The other date of the change view (`?depuis=2019-06-30`), or null: no comparison. */
  since: string | null;
  /** The two dates drawn side by side, each on its own map (`?cote=1`, with `depuis` only). */
  sideBySide: boolean;
  selection: string | null;
  department: string | null;
  view: 'communes' | 'epci';
  /** The tab shown below the map (the first, "evolution", when the link has none). */
  tab: TabId;
  /** Years assumed for documents with no known end (`?duree=5`), or null: none assumed (the default). */
  assumed: number | null;
  /** The region shown (`?region=53`), or null: the deployment's default region. */
  region: string | null;
  /** The territory whose portrait is open (`?fiche=62498`, a commune or an EPCI), or null. */
  portrait: string | null;
}

/** A region of the deployment, as the link notices name it. */
export interface LinkRegion {
  code: string;
  name: string;
}

/** A date a link may carry: a real day of a year the product reads (2000–2100). */
const linkDate = (d: string | null) =>
  d && isIsoDate(d) && Number(d.slice(0, 4)) >= YEAR_RANGE.min && Number(d.slice(0, 4)) <= YEAR_RANGE.max ? d : null;

/** Reads the state from a query string (`?date=2019-06-30&sel=62498&dep=62&vue=epci&depuis=2016-12-31`). */
export function readUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const date = p.get('date');
  const sel = p.get('sel');
  const dep = p.get('dep');
  const since = p.get('depuis');
  return {
    date: linkDate(date),
    since: linkDate(since),
    sideBySide: p.get('cote') === '1' && linkDate(since) !== null,
    selection: sel && /^(\d{5}|2[AB]\d{3}|\d{9})$/.test(sel) ? sel : null,
    department: dep && /^(\d{2}|2[AB])$/.test(dep) ? dep : null,
    view: p.get('vue') === 'epci' ? 'epci' : 'communes',
    tab: TABS.find((t) => t === p.get('onglet')) ?? 'evolution',
    assumed: /^([1-9]|1\d|20)$/.test(p.get('duree') ?? '') ? Number(p.get('duree')) : null,
    region: /^\d{2}$/.test(p.get('region') ?? '') ? p.get('region') : null,
    portrait: /^(\d{5}|2[AB]\d{3}|\d{9})$/.test(p.get('fiche') ?? '') ? p.get('fiche') : null,
  };
}

/**
 * The parameters of a link that were ignored, as French notices (`?dep=75`, `?date=2019-99-99`…):
 * a wrong link is said, never silently shown as something else. `shown` is the region the page
 * opens (the link's when the deployment holds it), `built` every region it holds.
 * @example ignoredUrlParams('?dep=75', ['02', '59']) // ['département « 75 » hors de la région : ignoré']
 */
export function ignoredUrlParams(
  search: string,
  departments: readonly string[],
  shown: LinkRegion = { code: '32', name: 'Hauts-de-France' },
  built: readonly LinkRegion[] = [shown],
): string[] {
  const p = new URLSearchParams(search);
  const s = readUrlState(search);
  const out: string[] = [];
  const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
  const date = p.get('date');
  if (date !== null && s.date === null) out.push(`date « ${show(date)} » illisible : aujourd’hui affiché`);
  const since = p.get('depuis');
  if (since !== null && s.since === null) out.push(`date de comparaison « ${show(since)} » illisible : ignorée`);
  const cote = p.get('cote');
  if (cote !== null && cote !== '1') out.push(`côte à côte « ${show(cote)} » inconnu : une seule carte`);
  else if (cote !== null && !s.sideBySide) out.push('côte à côte sans date de comparaison lisible : une seule carte');
  const sel = p.get('sel');
  if (sel !== null && s.selection === null) out.push(`sélection « ${show(sel)} » illisible : ignorée`);
  const dep = p.get('dep');
  if (dep !== null && (s.department === null || !departments.includes(s.department)))
    out.push(`département « ${show(dep)} » hors de la région : ignoré`);
  const vue = p.get('vue');
  if (vue !== null && vue !== 'epci' && vue !== 'communes') out.push(`vue « ${show(vue)} » inconnue : communes`);
  const tab = p.get('onglet');
  if (tab !== null && tab !== s.tab) out.push(`onglet « ${show(tab)} » inconnu : évolution`);
  // Another region than the one deployed is said, never shown as if it were it (bug: ?region=53 showed
  // Hauts-de-France without a word).
  const region = p.get('region');
  if (region !== null && !built.some((r) => r.code === region))
    out.push(
      `région « ${show(region)} » non livrée par ce déploiement (${
        built.length === 1
          ? `seule la région ${built[0]!.code}, ${built[0]!.name}, l’est`
          : `régions livrées : ${built.map((r) => `${r.code} ${r.name}`).join(', ')}`
      }) : ${shown.name} affichée`,
    );
  const known = new Set(['date', 'depuis', 'sel', 'dep', 'vue', 'onglet', 'duree', 'region', 'fiche', 'cote']);
  const fiche = p.get('fiche');
  if (fiche !== null && s.portrait === null) out.push(`fiche « ${show(fiche)} » illisible : ignorée`);
  for (const k of new Set(p.keys())) if (!known.has(k)) out.push(`paramètre « ${show(k)} » inconnu : ignoré`);
  const duree = p.get('duree');
  if (duree !== null && s.assumed === null)
    out.push(`durée supposée « ${show(duree)} » : 1 à 20 ans attendus, ignorée`);
  if (s.since && s.date && s.since > s.date)
    out.push(
      `date de comparaison ${s.since} après la date affichée ${s.date} : l’évolution va de la première à la seconde`,
    );
  return out;
}

/** Writes the state as a query string. */
export function writeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.region) p.set('region', s.region);
  if (s.date) p.set('date', s.date);
  if (s.selection) p.set('sel', s.selection);
  if (s.department) p.set('dep', s.department);
  if (s.view === 'epci') p.set('vue', 'epci');
  if (s.since) p.set('depuis', s.since);
  if (s.since && s.sideBySide) p.set('cote', '1');
  if (s.tab !== 'evolution') p.set('onglet', s.tab);
  if (s.assumed) p.set('duree', String(s.assumed));
  if (s.portrait) p.set('fiche', s.portrait);
  const q = p.toString();
  return q ? `?${q}` : '';
}
