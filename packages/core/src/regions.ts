import type { RegionCode } from './types.ts';

/** A region served by an ARS: its name, how a sentence says « in » it, its departments by code. */
export interface RegionInfo {
  name: string;
  /** « en Bretagne », « dans les Hauts-de-France », « à La Réunion ». */
  in: string;
  departments: Readonly<Record<string, string>>;
}

/**
 * The 18 regions of France that have an ARS, with their departments (names and codes of
 * `@etalab/decoupage-administratif` 6.0.0, COG 2026; unchanged since COG 2019: checked by
 * tests/integration/regions.test.ts). Overseas regions hold one department each.
 */
export const REGIONS: Readonly<Record<RegionCode, RegionInfo>> = {
  '11': {
    name: 'Île-de-France',
    in: 'en Île-de-France',
    departments: {
      '75': 'Paris',
      '77': 'Seine-et-Marne',
      '78': 'Yvelines',
      '91': 'Essonne',
      '92': 'Hauts-de-Seine',
      '93': 'Seine-Saint-Denis',
      '94': 'Val-de-Marne',
      '95': "Val-d'Oise",
    },
  },
  '24': {
    name: 'Centre-Val de Loire',
    in: 'dans le Centre-Val de Loire',
    departments: {
      '18': 'Cher',
      '28': 'Eure-et-Loir',
      '36': 'Indre',
      '37': 'Indre-et-Loire',
      '41': 'Loir-et-Cher',
      '45': 'Loiret',
    },
  },
  '27': {
    name: 'Bourgogne-Franche-Comté',
    in: 'en Bourgogne-Franche-Comté',
    departments: {
      '21': "Côte-d'Or",
      '25': 'Doubs',
      '39': 'Jura',
      '58': 'Nièvre',
      '70': 'Haute-Saône',
      '71': 'Saône-et-Loire',
      '89': 'Yonne',
      '90': 'Territoire de Belfort',
    },
  },
  '28': {
    name: 'Normandie',
    in: 'en Normandie',
    departments: {
      '14': 'Calvados',
      '27': 'Eure',
      '50': 'Manche',
      '61': 'Orne',
      '76': 'Seine-Maritime',
    },
  },
  '32': {
    name: 'Hauts-de-France',
    in: 'dans les Hauts-de-France',
    departments: {
      '59': 'Nord',
      '60': 'Oise',
      '62': 'Pas-de-Calais',
      '80': 'Somme',
      '02': 'Aisne',
    },
  },
  '44': {
    name: 'Grand Est',
    in: 'dans le Grand Est',
    departments: {
      '10': 'Aube',
      '51': 'Marne',
      '52': 'Haute-Marne',
      '54': 'Meurthe-et-Moselle',
      '55': 'Meuse',
      '57': 'Moselle',
      '67': 'Bas-Rhin',
      '68': 'Haut-Rhin',
      '88': 'Vosges',
      '08': 'Ardennes',
    },
  },
  '52': {
    name: 'Pays de la Loire',
    in: 'dans les Pays de la Loire',
    departments: {
      '44': 'Loire-Atlantique',
      '49': 'Maine-et-Loire',
      '53': 'Mayenne',
      '72': 'Sarthe',
      '85': 'Vendée',
    },
  },
  '53': {
    name: 'Bretagne',
    in: 'en Bretagne',
    departments: {
      '22': "Côtes-d'Armor",
      '29': 'Finistère',
      '35': 'Ille-et-Vilaine',
      '56': 'Morbihan',
    },
  },
  '75': {
    name: 'Nouvelle-Aquitaine',
    in: 'en Nouvelle-Aquitaine',
    departments: {
      '16': 'Charente',
      '17': 'Charente-Maritime',
      '19': 'Corrèze',
      '23': 'Creuse',
      '24': 'Dordogne',
      '33': 'Gironde',
      '40': 'Landes',
      '47': 'Lot-et-Garonne',
      '64': 'Pyrénées-Atlantiques',
      '79': 'Deux-Sèvres',
      '86': 'Vienne',
      '87': 'Haute-Vienne',
    },
  },
  '76': {
    name: 'Occitanie',
    in: 'en Occitanie',
    departments: {
      '11': 'Aude',
      '12': 'Aveyron',
      '30': 'Gard',
      '31': 'Haute-Garonne',
      '32': 'Gers',
      '34': 'Hérault',
      '46': 'Lot',
      '48': 'Lozère',
      '65': 'Hautes-Pyrénées',
      '66': 'Pyrénées-Orientales',
      '81': 'Tarn',
      '82': 'Tarn-et-Garonne',
      '09': 'Ariège',
    },
  },
  '84': {
    name: 'Auvergne-Rhône-Alpes',
    in: 'en Auvergne-Rhône-Alpes',
    departments: {
      '15': 'Cantal',
      '26': 'Drôme',
      '38': 'Isère',
      '42': 'Loire',
      '43': 'Haute-Loire',
      '63': 'Puy-de-Dôme',
      '69': 'Rhône',
      '73': 'Savoie',
      '74': 'Haute-Savoie',
      '01': 'Ain',
      '03': 'Allier',
      '07': 'Ardèche',
    },
  },
  '93': {
    name: "Provence-Alpes-Côte d'Azur",
    in: "en Provence-Alpes-Côte d'Azur",
    departments: {
      '13': 'Bouches-du-Rhône',
      '83': 'Var',
      '84': 'Vaucluse',
      '04': 'Alpes-de-Haute-Provence',
      '05': 'Hautes-Alpes',
      '06': 'Alpes-Maritimes',
    },
  },
  '94': {
    name: 'Corse',
    in: 'en Corse',
    departments: {
      '2A': 'Corse-du-Sud',
      '2B': 'Haute-Corse',
    },
  },
  '01': {
    name: 'Guadeloupe',
    in: 'en Guadeloupe',
    departments: {
      '971': 'Guadeloupe',
    },
  },
  '02': {
    name: 'Martinique',
    in: 'en Martinique',
    departments: {
      '972': 'Martinique',
    },
  },
  '03': {
    name: 'Guyane',
    in: 'en Guyane',
    departments: {
      '973': 'Guyane',
    },
  },
  '04': {
    name: 'La Réunion',
    in: 'à La Réunion',
    departments: {
      '974': 'La Réunion',
    },
  },
  '06': {
    name: 'Mayotte',
    in: 'à Mayotte',
    departments: {
      '976': 'Mayotte',
    },
  },
};

/**
 * The region's entry, or an error naming the regions.
 * @example regionInfo('53').in // 'en Bretagne'
 */
export function regionInfo(region: RegionCode): RegionInfo {
  const r = REGIONS[region];
  if (!r) throw new Error(`région « ${region} » inconnue (régions : ${Object.keys(REGIONS).join(', ')})`);
  return r;
}

/** Names of every department of the 18 regions, by code. */
export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = Object.assign(
  {},
  ...Object.values(REGIONS).map((r) => r.departments),
);

/**
 * A region as a title names it: its name and code, or the code alone for a region without an ARS.
 * @example regionLabel('53') // 'Bretagne (53)'
 */
export function regionLabel(region: RegionCode): string {
  const r = REGIONS[region];
  return r ? `${r.name} (${region})` : `région ${region}`;
}

/**
 * A region's departments as [code, name] pairs in code order (an object's own order puts "15" before "01").
 * @example sortedDepartments({ '15': 'Cantal', '01': 'Ain' }) // [['01', 'Ain'], ['15', 'Cantal']]
 */
export function sortedDepartments(departments: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(departments).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
