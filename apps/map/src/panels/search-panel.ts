import type { Reference } from '@cls/core';
import type { AppContext, Panel } from '../context.ts';
import { fill, h } from '../dom.ts';

/** Lower case, no accents, hyphens and apostrophes as spaces: "Saint-Étienne" → "saint etienne". */
export const normalizeName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ');

/** Communes and EPCI matching a query: names or codes starting with it first (shortest first), then containing it. */
export function searchTerritories(ref: Reference, query: string, limit = 10): Array<{ code: string; label: string }> {
  const q = normalizeName(query.trim());
  if (q.length < 2) return [];
  const starts: Array<{ code: string; label: string }> = [];
  const contains: Array<{ code: string; label: string }> = [];
  for (const c of ref.communes) {
    const n = normalizeName(c.name);
    const it = { code: c.code, label: `${c.name} (${c.code})` };
    if (c.code.startsWith(q) || n.startsWith(q)) starts.push(it);
    else if (n.includes(q)) contains.push(it);
  }
  for (const e of ref.epcis) {
    const n = normalizeName(e.name);
    const it = { code: e.siren, label: `${e.name} (EPCI ${e.siren})` };
    if (e.siren.startsWith(q) || n.includes(q)) contains.push(it);
  }
  starts.sort((a, b) => a.label.length - b.label.length);
  return [...starts, ...contains].slice(0, limit);
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
    fill(this.el, h('label', { for: 'recherche' }, 'Rechercher une commune ou un EPCI'), input, list);
    return this.el;
  }

  onRemove(): void {
    this.el.remove();
  }
}
