import { formatPercent } from '@cls/core';
import { capitalize, h } from '../dom.ts';
import { STATUS_COLORS } from '../palette.ts';

/**
 * The share covered against the target: a `role="meter"` carrying its value (0–100) and its text,
 * drawn as an SVG bar with the target marked. `id` tells two gauges apart (the two dates side by side).
 * @example gauge(0.4, 0.75, 'population des territoires prioritaires') // aria-valuenow="40"
 */
export function gauge(share: number, target: number, measure: string, id = 'jauge'): HTMLElement {
  const NS = 'http://www.w3.org/2000/svg';
  const s = document.createElementNS(NS, 'svg');
  s.setAttribute('viewBox', '0 0 300 34');
  s.setAttribute('width', '100%');
  s.setAttribute('aria-hidden', 'true');
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
  const text = `${capitalize(measure)} couverte : ${formatPercent(share, 1)} pour un objectif de ${formatPercent(target)}`;
  return h(
    'div',
    { class: 'jauge', id },
    h('p', { class: 'etiquette', 'aria-hidden': 'true' }, `Objectif ${formatPercent(target)} de la ${measure}`),
    h(
      'div',
      {
        role: 'meter',
        'aria-label': `${capitalize(measure)} couverte`,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(Math.min(1, share) * 1000) / 10,
        'aria-valuetext': text,
      },
      s as unknown as HTMLElement,
    ),
  );
}
