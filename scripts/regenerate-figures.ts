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
  capitalize,
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  formatInteger,
  formatPercent,
  plural,
  provenanceLine,
  targetLine,
  comparisonLines,
  compareWithPublished,
  completenessLine,
  today,
  type CoverageFigures,
} from '@cls/core';
import { dataPath, loadModel, loadPublishedFigures, loadUndatedDocuments } from '@cls/io';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = arg('out') ?? dataPath('figures.md');
const now = arg('today') ?? today();

const loaded = await loadModel({ today: now });
const engine = createCoverageEngine(loaded.model);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const published = (await loadPublishedFigures(dataPath('registry', 'published-figures.csv'))).accepted;
const docs = loaded.model.documents;
const completeness = {
  file: 'data/registry/documents.csv',
  documents: docs.length,
  unverified: docs.filter((d) => !d.verified).length,
  rejected: loaded.rejected.registry,
  rows: docs.length + loaded.rejected.registry,
  undated: (await loadUndatedDocuments(dataPath('registry', 'undated.csv'))).rowCount,
  verifiedOnly: false,
};

const at = (date: string) => coverageFigures(engine.coverageAt(date), engine);
const mid2019 = at('2019-06-30');
const current = at(now);
const compare = (f: CoverageFigures) => comparisonLines(compareWithPublished(f, published, { model: loaded.model }));

const section = (title: string, f: CoverageFigures) => [
  `## ${title}`,
  '',
  `> ${figuresSentence(f)}`,
  '',
  `- Données : ${provenanceLine(f)}.`,
  `- Documents en vigueur : ${plural(f.documents.cls, 'CLS', 'CLS')}, ` +
    `${plural(f.documents.renouvellement, 'renouvellement', 'renouvellements')}, ` +
    `${plural(f.documents.avenant, 'avenant', 'avenants')}, ${plural(f.documents.charte, 'charte', 'chartes')} ` +
    `(${plural(f.unverifiedInForce, 'non vérifié', 'non vérifiés')}).`,
  `- Population couverte : ${formatInteger(f.covered.population)} habitants sur ${formatInteger(f.region.population)} (${formatPercent(f.covered.populationShare, 1)}).`,
  `- ${capitalize(targetLine(f))}.`,
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
  `| \`data/registry/priority-territories.csv\` (${loaded.model.priority.length} territoires) | \`${sha(loaded.files.priority!)}\` |`,
  `| \`data/registry/published-figures.csv\` (${published.length} chiffres publiés) | \`${sha(dataPath('registry', 'published-figures.csv'))}\` |`,
  '',
  completenessLine(completeness),
  '',
  `Référentiels : \`@etalab/decoupage-administratif\` (une version par millésime, voir data/README.md).`,
  '',
  ...section('Mi-2019 (30/06/2019)', mid2019),
  '### Comparaison avec les chiffres publiés',
  '',
  ...compare(mid2019),
  '',
  'Le registre ne contient que les documents sourcés : la plupart des 17 documents de mi-2019 restent inconnus',
  "(voir data/README.md). Tant qu'ils manquent, les chiffres de mi-2019 ne sont pas reproductibles ; l'écart ci-dessus le mesure.",
  '',
  ...section(`Aujourd'hui (${now.split('-').reverse().join('/')})`, current),
  ...compare(current),
];
writeFileSync(out, md.join('\n'));
console.log(`${out} écrit.`);
console.log(figuresSentence(mid2019));
console.log(figuresSentence(current));
