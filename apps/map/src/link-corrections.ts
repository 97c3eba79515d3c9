import { cogYearAt, type CogYear, type DeployedRegion, type Deployment, type Reference } from '@cls/core';
import { ignoredUrlParams, type UrlState } from './url-state.ts';

/**
 * What a link asked that the page cannot show as asked, corrected, with the French notices that say
 * so: parameters ignored, a department outside the region dropped, a merged commune selected under
 * its successor (as the CLI resolves it), an unknown code dropped. A wrong link is never silently
 * shown as something else.
 * @example correctLink('?sel=62210', url, { region, deployment, referenceFor, cogYears, now }).notices
 * // ['commune 62210 fusionnée : affichée sous 62154']
 */
export function correctLink(
  search: string,
  url: UrlState,
  options: {
    region: DeployedRegion;
    deployment: Deployment;
    referenceFor: (cog: CogYear) => Reference;
    cogYears: readonly CogYear[];
    now: string;
  },
): { url: UrlState; notices: string[] } {
  const { region, deployment, referenceFor, cogYears, now } = options;
  const out = { ...url };
  const notices = ignoredUrlParams(search, Object.keys(region.departments), region, deployment.regions);
  if (out.department && !(out.department in region.departments)) out.department = null;
  if (out.selection) {
    const ref = referenceFor(cogYearAt(out.date ?? now, cogYears).cog);
    const code = out.selection;
    const next = ref.successions[code]?.to;
    const known =
      code.length === 9 ? ref.epcis.some((e) => e.siren === code) : ref.communes.some((c) => c.code === code);
    if (!known && next && code.length === 5) {
      notices.push(`commune ${code} fusionnée : affichée sous ${next}`);
      out.selection = next;
    } else if (!known) {
      notices.push(
        `${code.length === 9 ? 'EPCI' : 'commune'} ${code} inconnu${code.length === 9 ? '' : 'e'} en ${ref.cog} : sélection ignorée`,
      );
      out.selection = null;
    }
  }
  return { url: out, notices };
}
