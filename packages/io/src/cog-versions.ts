import type { CogYear } from '@cls/core';

/** One version of `@etalab/decoupage-administratif` installed under the alias `cog-<year>`. */
export interface CogVersion {
  cog: CogYear;
  /** npm alias in packages/io/package.json. */
  alias: string;
  version: string;
  /** Census year of the populations the version carries. */
  populationYear: number;
  /** Set when the version repeats the populations of an earlier one. */
  populationNote: string | null;
}

/**
 * The COG years shipped. Populations follow the rule "legal population in force on 1 January of Y
 * = census of Y-3", except where the package did not update them (checked commune by commune:
 * 3.1.1 equals 2.3.1 and 6.0.0 equals 5.3.0 for every commune of France).
 */
export const COG_VERSIONS: readonly CogVersion[] = [
  { cog: 2019, alias: 'cog-2019', version: '0.7.0', populationYear: 2016, populationNote: null },
  { cog: 2021, alias: 'cog-2021', version: '1.1.1', populationYear: 2018, populationNote: null },
  { cog: 2022, alias: 'cog-2022', version: '2.3.1', populationYear: 2019, populationNote: null },
  {
    cog: 2023,
    alias: 'cog-2023',
    version: '3.1.1',
    populationYear: 2019,
    populationNote:
      'populations 2019 reprises du COG 2022 : la version 3.1.1 du paquet ne les a pas mises à jour (la population légale 2020 manque)',
  },
  { cog: 2024, alias: 'cog-2024', version: '4.1.0', populationYear: 2021, populationNote: null },
  { cog: 2025, alias: 'cog-2025', version: '5.3.0', populationYear: 2022, populationNote: null },
  {
    cog: 2026,
    alias: 'cog-2026',
    version: '6.0.0',
    populationYear: 2022,
    populationNote:
      'populations 2022 reprises du COG 2025 : la version 6.0.0 du paquet ne les a pas mises à jour (la population légale 2023 manque)',
  },
];

/** The COG years available, ascending. */
export const COG_YEARS: readonly CogYear[] = COG_VERSIONS.map((v) => v.cog);

/** The version entry of a COG year, or an error naming the years available. */
export function cogVersion(cog: CogYear): CogVersion {
  const v = COG_VERSIONS.find((x) => x.cog === cog);
  if (!v) throw new Error(`COG ${cog} non disponible (millésimes livrés : ${COG_YEARS.join(', ')})`);
  return v;
}
