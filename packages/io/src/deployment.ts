import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { contrast, regionInfo, REGIONS, type DeployedRegion, type Deployment, type RegionCode } from '@cls/core';
import { dataPath, readJson } from './data-files.ts';
import { InputFileError } from './input-error.ts';

/**
 * `data/deployment.json` (optional): what the deploying agency sets. Every field may be left out;
 * the defaults name the agency of the region (« Agence régionale de santé Bretagne ») with no logo.
 */
export interface DeploymentSettings {
  /** Region the page opens on without `?region=` (default: 32 when built, else the first built). */
  defaultRegion?: RegionCode;
  /** Per region: the agency's name, a logo file under `data/` (SVG or PNG, ≤ 200 kB), an accent colour (#rrggbb). */
  agencies?: Record<RegionCode, { name?: string; logo?: string; colour?: string }>;
}

const SETTINGS = 'data/deployment.json';
const LOGO_MAX_BYTES = 200_000;

/** Reads `data/deployment.json` (absent: every default), refusing a field it cannot use. */
export function readDeploymentSettings(path = dataPath('deployment.json')): DeploymentSettings {
  if (!existsSync(path)) return {};
  const s = readJson<DeploymentSettings>(path);
  const fail = (field: string, why: string) => {
    throw new InputFileError(`${SETTINGS} : champ « ${field} » : ${why}`);
  };
  if (s.defaultRegion !== undefined && !REGIONS[s.defaultRegion])
    fail('defaultRegion', `région « ${s.defaultRegion} » inconnue`);
  for (const [code, a] of Object.entries(s.agencies ?? {})) {
    if (!REGIONS[code]) fail(`agencies.${code}`, 'région inconnue');
    if (a.colour !== undefined && !/^#[0-9a-fA-F]{6}$/.test(a.colour))
      fail(`agencies.${code}.colour`, `« ${a.colour} » : une couleur #rrggbb est attendue`);
    // The colour is the headings' text colour on white: it must read as text does (WCAG 4.5:1).
    if (a.colour !== undefined && contrast(a.colour, '#ffffff') < 4.5)
      fail(
        `agencies.${code}.colour`,
        `« ${a.colour} » : contraste ${contrast(a.colour, '#ffffff').toFixed(1)}:1 sur fond blanc, 4,5:1 au moins`,
      );
    if (a.logo !== undefined) {
      const file = dataPath(a.logo);
      if (!['.svg', '.png'].includes(extname(file).toLowerCase()))
        fail(`agencies.${code}.logo`, 'un fichier .svg ou .png est attendu');
      if (!existsSync(file)) fail(`agencies.${code}.logo`, `data/${a.logo} introuvable`);
      if (statSync(file).size > LOGO_MAX_BYTES) fail(`agencies.${code}.logo`, 'fichier de plus de 200 ko');
    }
  }
  return s;
}

/**
 * The deployment of the regions built: names, agency, logo (its path in the build) and colour.
 * @example deploymentOf(['32', '53'], {}).regions[1].agency // 'Agence régionale de santé Bretagne'
 */
export function deploymentOf(built: readonly RegionCode[], settings: DeploymentSettings): Deployment {
  const regions = [...built].sort().map((code): DeployedRegion => {
    const info = regionInfo(code);
    const a = settings.agencies?.[code] ?? {};
    return {
      code,
      name: info.name,
      in: info.in,
      agency: a.name ?? `Agence régionale de santé ${info.name}`,
      logo: a.logo ? `identity/logo-${code}${extname(a.logo).toLowerCase()}` : null,
      colour: a.colour ?? null,
      departments: info.departments,
    };
  });
  const wanted = settings.defaultRegion;
  const defaultRegion =
    wanted && built.includes(wanted) ? wanted : built.includes('32') ? '32' : (regions[0]?.code ?? '32');
  return { defaultRegion, regions };
}
