/** The state a link carries: date, selection, department filter and view. */
export interface UrlState {
  date: string | null;
  selection: string | null;
  department: string | null;
  view: 'communes' | 'epci';
}

/** Reads the state from a query string (`?date=2019-06-30&sel=62498&dep=62&vue=epci`). */
export function readUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const date = p.get('date');
  const sel = p.get('sel');
  const dep = p.get('dep');
  return {
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    selection: sel && /^(\d{5}|2[AB]\d{3}|\d{9})$/.test(sel) ? sel : null,
    department: dep && /^(\d{2}|2[AB])$/.test(dep) ? dep : null,
    view: p.get('vue') === 'epci' ? 'epci' : 'communes',
  };
}

/** Writes the state as a query string. */
export function writeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.date) p.set('date', s.date);
  if (s.selection) p.set('sel', s.selection);
  if (s.department) p.set('dep', s.department);
  if (s.view === 'epci') p.set('vue', 'epci');
  const q = p.toString();
  return q ? `?${q}` : '';
}
