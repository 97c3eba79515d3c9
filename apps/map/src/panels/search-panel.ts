import type { Reference } from '@cls/core';
import type { AppContext, Panel } from '../context.ts';
import { fill, h } from '../dom.ts';

/**
 * Lower case, no accents, hyphens and apostrophes as spaces, "St"/"Ste" as "saint"/"sainte":
 * "Saint-Étienne" and "St Etienne" → "saint etienne".
 */
export const normalizeName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’.]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\s+/g, ' ');

/** Words an EPCI's name is not known by: legal forms, articles, generic words. */
const NOT_A_NAME = new Set([
  'ca',
  'cc',
  'cu',
  'communaute',
  'agglomeration',
  'communes',
  'urbaine',
  'metropole',
  'region',
  'pays',
  'de',
  'la',
  'le',
  'les',
  'du',
  'des',
  'd',
  'l',
  'et',
  'en',
  'sur',
  'au',
  'aux',
  'a',
]);
/** Words of an acronym that are not initials: articles and linking words. */
const LINKING = new Set(['de', 'la', 'le', 'les', 'du', 'des', 'd', 'l', 'et', 'en', 'sur', 'au', 'aux', 'a']);
const NUMBERS: Record<string, string> = { un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5' };

/**
 * The acronym an EPCI is called by: its legal form as written (CA, CC, CU), then the initial of each
 * word but linking ones, numbers as digits.
 * @example epciInitials('CA des Deux Baies en Montreuillois') // "ca2bm"
 * @example epciInitials('Métropole Européenne de Lille') // "mel"
 */
export function epciInitials(name: string): string {
  const words = normalizeName(name).trim().split(' ');
  return words
    .map((w, i) =>
      i === 0 && /^c[acu]$/.test(w) ? w : LINKING.has(w) ? '' : (NUMBERS[w] ?? (/^\d+$/.test(w) ? w : w[0])),
    )
    .join('');
}

/**
 * Communes and EPCI matching a query, ranked together by match quality: the same name, code or an
 * EPCI's acronym (MEL, CABS, CA2BM); then a name whose first proper word starts with it (an EPCI's
 * legal form and generic words set aside: "Château" finds the CA de la Région de Château-Thierry);
 * then a word starting with it; then a name containing it. Larger territories first within a rank.
 */
export function searchTerritories(ref: Reference, query: string, limit = 10): Array<{ code: string; label: string }> {
  const q = normalizeName(query.trim()).trim();
  if (q.length < 2) return [];
  const compact = q.replace(/\s/g, '');
  const found: Array<{ code: string; label: string; rank: number; population: number }> = [];
  const rank = (name: string, code: string, epci: boolean) => {
    const n = normalizeName(name);
    if (n === q || code === q || (epci && epciInitials(name) === compact)) return 0;
    const proper = epci
      ? n
          .split(' ')
          .filter((w) => !NOT_A_NAME.has(w))
          .join(' ')
      : n;
    if (n.startsWith(q) || proper.startsWith(q) || code.startsWith(q)) return 1;
    if (n.includes(` ${q}`)) return 2;
    return n.includes(q) ? 3 : -1;
  };
  for (const c of ref.communes) {
    const r = rank(c.name, c.code, false);
    if (r >= 0) found.push({ code: c.code, label: `${c.name} (${c.code})`, rank: r, population: c.population });
  }
  for (const e of ref.epcis) {
    const r = rank(e.name, e.siren, true);
    if (r >= 0) found.push({ code: e.siren, label: `${e.name} (EPCI ${e.siren})`, rank: r, population: e.population });
  }
  found.sort((a, b) => a.rank - b.rank || b.population - a.population || a.label.length - b.label.length);
  return found.slice(0, limit).map(({ code, label }) => ({ code, label }));
}

/** Search a commune or an EPCI by name or code (an ARIA combobox); choosing one selects it and zooms on it. */
export class SearchPanel implements Panel {
  private el = h('div', {});

  onAdd(ctx: AppContext): HTMLElement {
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
    const empty = h('p', { class: 'note', id: 'aucun-resultat', role: 'status' });
    // The territory chosen can be opened as a portrait from here too.
    const portrait = h('button', { type: 'button', class: 'secondaire', id: 'recherche-fiche', hidden: true });
    let chosen: string | null = null;
    portrait.addEventListener('click', () => {
      if (chosen) ctx.store.set({ portrait: chosen });
    });
    let items: Array<{ code: string; label: string }> = [];
    let active = -1;
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
      empty.textContent = items.length === 0 && normalizeName(input.value.trim()).length >= 2 ? 'Aucun résultat' : '';
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
      ctx.select(it.code, true);
      chosen = it.code;
      portrait.textContent = `Fiche du territoire : ${it.label}`;
      portrait.hidden = false;
    };
    input.addEventListener('input', () => {
      const ref = ctx.snapshot()?.coverage.reference;
      items = ref ? searchTerritories(ref, input.value) : [];
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
    fill(this.el, h('label', { for: 'recherche' }, 'Rechercher une commune ou un EPCI'), input, list, empty, portrait);
    return this.el;
  }

  onRemove(): void {
    this.el.remove();
  }
}
