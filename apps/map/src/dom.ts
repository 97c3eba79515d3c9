/** DOM helpers that never inject HTML: text goes through text nodes, links are http(s) only. */

type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | number | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'href') {
      const safe = safeHref(String(v));
      if (safe) el.setAttribute('href', safe);
      continue;
    }
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      el.append(typeof c === 'object' ? c : document.createTextNode(String(c)));
  return el;
}

/** The URL if it is an absolute http(s) URL, otherwise null (no javascript:, data:, …). */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Replaces the content of an element. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'object' ? c : document.createTextNode(String(c)))),
  );
}

/** The element with this id, or an error naming it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`élément #${id} absent`);
  return el as T;
}

/** French date dd/mm/yyyy from an IsoDate (core's frenchDate, one rule for the CLI and the page). */
export { frenchDate as frDate } from '@cls/core';

/** The text with its first letter in capitals (core's, one rule for the CLI and the page). */
export { capitalize } from '@cls/core';

/** Saves a text or a blob as a file the browser downloads (made in the page: nothing is sent). */
export function download(name: string, content: string | Blob, type: string): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', {});
  a.setAttribute('href', url);
  a.setAttribute('download', name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
