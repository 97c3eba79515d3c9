/**
 * Regenerates the published figures (mid-2019, as the ARS published them, and today) from the
 * shipped registry and writes them to a Markdown file with the date, the data versions and the
 * registry checksums, so that every figure can be traced.
 *
 *   pnpm figures:regenerate [--out data/figures.md] [--today YYYY-MM-DD]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  coverageFigures,
  contractCount,
  createCoverageEngine,
  figuresSentence,
  formatInteger,
  formatPercent,
  provenanceLine,
  today,
  type CoverageFigures,
} from '@cls/core';
import { dataPath, loadModel } from '@cls/io';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = arg('out') ?? dataPath('figures.md');
const now = arg('today') ?? today();

const loaded = loadModel({ today: now });
const engine = createCoverageEngine(loaded.model);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** As published by ARS Hauts-de-France ("mi-année 2019"). */
const PUBLISHED_2019 = {
  url: 'https://www.hauts-de-france.ars.sante.fr/lars-deploie-les-contrats-locaux-de-sante-de-deuxieme-generation',
  quote:
    "A la mi-année 2019, après 8 mois de déploiement, la dynamique CLS est prometteuse : 2 CLS et 15 chartes d'engagement sont déjà signés, couvrant pas moins de 464 communes, 1,6 millions d'habitants et 40% des territoires identifiés comme prioritaires.",
  cls: 2,
  chartes: 15,
  communes: 464,
  population: 1_600_000,
  territoriesShare: 0.4,
};

const at = (date: string) => coverageFigures(engine.coverageAt(date), engine);
const mid2019 = at('2019-06-30');
// The ARS counted the documents of its second-generation deployment (PRS 2018-2028).
const secondGen = createCoverageEngine({
  ...loaded.model,
  documents: loaded.model.documents.filter((d) => d.generation === null || d.generation >= 2),
});
const mid2019Gen2 = coverageFigures(secondGen.coverageAt('2019-06-30'), secondGen);
const current = at(now);

const section = (title: string, f: CoverageFigures) => [
  `## ${title}`,
  '',
  `> ${figuresSentence(f)}`,
  '',
  `- Données : ${provenanceLine(f)}.`,
  `- Documents en vigueur : ${f.documents.cls} CLS, ${f.documents.renouvellement} renouvellements, ${f.documents.avenant} avenants, ${f.documents.charte} chartes (${f.unverifiedInForce} non vérifiés).`,
  `- Population couverte : ${formatInteger(f.covered.population)} habitants sur ${formatInteger(f.region.population)} (${formatPercent(f.covered.populationShare, 1)}).`,
  `- Population prioritaire couverte : ${formatInteger(f.priority.populationCovered)} sur ${formatInteger(f.priority.population)} (${formatPercent(f.priority.populationShare, 1)}), objectif ${formatPercent(f.priority.target)}, écart ${formatInteger(f.priority.gap)} habitants.`,
  ...f.priority.notes.map((n) => `- Note : ${n}.`),
  '',
];

const md = [
  '# Chiffres publiés, régénérés depuis le registre',
  '',
  `Généré le ${now} par \`pnpm figures:regenerate\` (scripts/regenerate-figures.ts). Ne pas éditer à la main.`,
  '',
  '| entrée | empreinte SHA-256 |',
  '|---|---|',
  `| \`data/registry/documents.csv\` (${loaded.model.documents.length} documents) | \`${sha(loaded.files.registry)}\` |`,
  `| \`data/registry/priority-territories.csv\` (${loaded.model.priority.length} territoires) | \`${sha(loaded.files.priority)}\` |`,
  '',
  `Référentiels : \`@etalab/decoupage-administratif\` (une version par millésime, voir data/README.md).`,
  '',
  ...section('Mi-2019 (30/06/2019)', mid2019),
  "### Comparaison avec le chiffre publié par l'ARS",
  '',
  `> « ${PUBLISHED_2019.quote} » — ${PUBLISHED_2019.url}`,
  '',
  "Le registre est ici réduit aux documents de 2e génération (ou de génération non renseignée), comme le compte de l'ARS.",
  '',
  '| indicateur | publié | registre | écart |',
  '|---|---:|---:|---:|',
  `| CLS | ${PUBLISHED_2019.cls} | ${contractCount(mid2019Gen2)} | ${contractCount(mid2019Gen2) - PUBLISHED_2019.cls} |`,
  `| chartes d'engagement | ${PUBLISHED_2019.chartes} | ${mid2019Gen2.documents.charte} | ${mid2019Gen2.documents.charte - PUBLISHED_2019.chartes} |`,
  `| communes | ${PUBLISHED_2019.communes} | ${mid2019Gen2.covered.communes} | ${mid2019Gen2.covered.communes - PUBLISHED_2019.communes} |`,
  `| habitants | 1,6 million | ${formatInteger(mid2019Gen2.covered.population)} | ${formatInteger(mid2019Gen2.covered.population - PUBLISHED_2019.population)} |`,
  `| territoires prioritaires | ${formatPercent(PUBLISHED_2019.territoriesShare)} | ${formatPercent(mid2019Gen2.priority.territoriesShare)} | |`,
  '',
  'Le registre ne contient que les documents sourcés : 15 des 17 documents de mi-2019 restent inconnus (voir data/README.md).',
  "Tant qu'ils manquent, les chiffres de mi-2019 ne sont pas reproductibles ; l'écart ci-dessus le mesure.",
  '',
  ...section(`Aujourd'hui (${now.split('-').reverse().join('/')})`, current),
];
writeFileSync(out, md.join('\n'));
console.log(`${out} écrit.`);
console.log(figuresSentence(mid2019));
console.log(figuresSentence(current));
