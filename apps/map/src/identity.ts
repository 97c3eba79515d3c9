import type { DeployedRegion, Deployment } from '@cls/core';
import { byId, h } from './dom.ts';

/**
 * The region a page opens: the link's (`?region=53`) when the deployment holds it, else the
 * deployment's default (the link's notice says so, see ignoredUrlParams).
 */
export function regionToShow(wanted: string | null, deployment: Deployment): DeployedRegion {
  const regions = deployment.regions;
  const found = regions.find((r) => r.code === wanted) ?? regions.find((r) => r.code === deployment.defaultRegion);
  if (!found) throw new Error('deployment.json ne liste aucune région construite : relancez « pnpm build:data »');
  return found;
}

/**
 * The page's identity for the region shown: the agency's name (a deployment setting, by default
 * « Agence régionale de santé <région> »), its logo and colour when set, the title and the region
 * picker (only when the deployment holds several regions). No État identity is imitated.
 */
export function showIdentity(region: DeployedRegion, deployment: Deployment): void {
  document.title = `Couverture des contrats locaux de santé — ${region.agency}`;
  document
    .querySelector('meta[name="description"]')
    ?.setAttribute(
      'content',
      `Carte de la couverture des contrats locaux de santé (CLS) ${region.in}, par date, ` +
        'avec l’objectif de couverture des territoires prioritaires.',
    );
  byId('nom-agence').textContent = region.agency;
  const logo = byId<HTMLImageElement>('logo-agence');
  if (region.logo) {
    logo.src = `./${region.logo}`;
    logo.alt = `Logo : ${region.agency}`;
    logo.hidden = false;
  }
  if (region.colour) document.documentElement.style.setProperty('--accent', region.colour);
  const picker = byId('choix-region');
  if (deployment.regions.length < 2) return;
  const select = h(
    'select',
    { id: 'region', 'aria-describedby': 'region-aide' },
    ...deployment.regions.map((r) => {
      const o = h('option', { value: r.code }, `${r.name} (${r.code})`);
      o.selected = r.code === region.code;
      return o;
    }),
  );
  // Another region is another page: nothing of this one stays on screen (figures, registry loaded, map).
  select.addEventListener('change', () => {
    const next = select.value === deployment.defaultRegion ? '' : `?region=${select.value}`;
    location.assign(`${location.pathname}${next}`);
  });
  picker.replaceChildren(
    h('label', { for: 'region' }, 'Région '),
    select,
    h('span', { id: 'region-aide', class: 'visuellement-cache' }, 'ouvre la carte de la région choisie'),
  );
  picker.hidden = false;
}
