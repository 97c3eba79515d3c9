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

/**
 * Communes and EPCI matching a query, best matches first: same name or code, then name or code
 * starting with it, then a word starting with it, then containing it (shorter names first in each).
 */
export function searchTerritories(ref: Reference, query: string, limit = 10): Array<{ code: string; label: string }> {
  const q = normalizeName(query.trim()).trim();
  if (q.length < 2) return [];
  const found: Array<{ code: string; label: string; rank: number }> = [];
  const rank = (name: string, code: string) => {
    const n = normalizeName(name);
    if (n === q || code === q) return 0;
    if (n.startsWith(q) || code.startsWith(q)) return 1;
    if (n.includes(` ${q}`)) return 2;
    return n.includes(q) ? 3 : -1;
  };
  for (const c of ref.communes) {
    const r = rank(c.name, c.code);
    if (r >= 0) found.push({ code: c.code, label: `${c.name} (${c.code})`, rank: r });
  }
  for (const e of ref.epcis) {
    const r = rank(e.name, e.siren);
    if (r >= 0) found.push({ code: e.siren, label: `${e.name} (EPCI ${e.siren})`, rank: r });
  }
  found.sort((a, b) => a.rank - b.rank || a.label.length - b.label.length);
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
    fill(this.el, h('label', { for: 'recherche' }, 'Rechercher une commune ou un EPCI'), input, list, empty);
    return this.el;
  }

  onRemove(): void {
    this.el.remove();
  }
}
