import { cogYearAt, isIsoDate, type ParsedDate, parseDate, signedLabel, today, YEAR_RANGE } from './dates.ts';
import { clipValue } from './diagnostics.ts';
import { resolvePerimeter } from './perimeter.ts';
import { sourceUrlProblem } from './source-url.ts';
import type {
  CogYear,
  Diagnostic,
  DocType,
  PriorityKind,
  PriorityTerritory,
  Reference,
  RegistryDocument,
  UndatedDocument,
} from './types.ts';
import { DOC_TYPES } from './types.ts';

/** A row of a table as read from a file: its line and its fields as strings. */
export interface RawRow {
  line: number;
  values: Record<string, string>;
}

export const DOCUMENT_COLUMNS = [
  'id',
  'territory',
  'perimeter',
  'doc_type',
  'signed_on',
  'ends_on',
  'generation',
  'verified',
  'source_url',
  'evidence',
] as const;
export const PRIORITY_COLUMNS = [
  'id',
  'kind',
  'label',
  'perimeter',
  'since',
  'until',
  'source_url',
  'evidence',
] as const;

export interface ValidationResult<T> {
  accepted: T[];
  /** Lines of the rows left out, each with at least one error diagnostic. */
  rejectedLines: number[];
  diagnostics: Diagnostic[];
}

export interface ValidateOptions {
  /** Reference of a COG year (the registry's codes are checked against the year of signature). */
  referenceFor: (cog: CogYear) => Reference;
  /** COG years available. */
  cogYears: readonly CogYear[];
  /** Date after which a signature is reported as in the future (default: today). */
  today?: string;
}

/**
 * Validates the rows of `documents.csv` into typed documents. Every problem is a diagnostic with
 * file, line and field; a row with an error is rejected (and listed), a row with warnings is kept.
 * Perimeter codes are checked against the COG year of the signature.
 */
export function validateDocuments(
  rows: readonly RawRow[],
  file: string,
  options: ValidateOptions,
): ValidationResult<RegistryDocument> {
  const diagnostics: Diagnostic[] = [];
  const accepted: RegistryDocument[] = [];
  const rejectedLines: number[] = [];
  const firstLineOfId = new Map<string, number>();
  const now = options.today ?? today();

  for (const { line, values: v } of rows) {
    const { errors, say, id } = startRow(file, line, v, diagnostics, firstLineOfId);

    const { territory, docType, generation, verified, sourceUrl, evidence } = describedDocument(v, say);

    const signed = parseDate(v.signed_on ?? '');
    if (!signed)
      say(
        'error',
        'signed_on',
        `date de signature « ${clipValue(v.signed_on ?? '')} » illisible ` +
          `(attendu AAAA-MM-JJ, AAAA-MM, AAAA ou jj/mm/aaaa, année entre ${YEAR_RANGE.min} et ${YEAR_RANGE.max})`,
      );
    else if (startOf(signed) > now)
      say('warning', 'signed_on', `date de signature ${signedLabel(signed.date, signed.precision)} dans le futur`);

    let endsOn: string | null = null;
    if (v.ends_on) {
      const e = parseDate(v.ends_on);
      if (!e)
        say(
          'error',
          'ends_on',
          `date de fin « ${clipValue(v.ends_on)} » illisible (année entre ${YEAR_RANGE.min} et ${YEAR_RANGE.max})`,
        );
      else {
        endsOn = e.date;
        if (signed && e.date < startOf(signed))
          say(
            'error',
            'ends_on',
            `date de fin ${signedLabel(e.date, e.precision)} antérieure à la signature ` +
              signedLabel(signed.date, signed.precision),
          );
        else if (signed && e.date < signed.date)
          say(
            'warning',
            'ends_on',
            `fin ${signedLabel(e.date, e.precision)} avant le ${signed.date.split('-').reverse().join('/')}, ` +
              `date à laquelle un document signé ${signedLabel(signed.date, signed.precision)} commence à compter : il ne compte à aucune date`,
          );
      }
    }

    const signCog = signed ? cogYearAt(signed.date, options.cogYears).cog : null;
    const perimeter = checkedPerimeter(v.perimeter ?? '', signCog === null ? null : options.referenceFor(signCog), say);

    diagnostics.push(...errors);
    if (errors.length > 0) {
      rejectedLines.push(line);
      continue;
    }
    accepted.push({
      id,
      territory,
      perimeter,
      docType,
      signedOn: signed!.date,
      signedPrecision: signed!.precision,
      endsOn,
      generation,
      verified: verified!,
      sourceUrl,
      evidence,
      line,
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { accepted, rejectedLines, diagnostics };
}

/**
 * Validates the rows of `priority-territories.csv` (PRAPS territories and QPV). Perimeters are
 * checked against the COG year of `since` (or the latest year when it is empty).
 */
export function validatePriorityTerritories(
  rows: readonly RawRow[],
  file: string,
  options: ValidateOptions,
): ValidationResult<PriorityTerritory> {
  const diagnostics: Diagnostic[] = [];
  const accepted: PriorityTerritory[] = [];
  const rejectedLines: number[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const { errors, say, id } = startRow(file, line, v, diagnostics, firstLineOfId);
    const kind = (v.kind ?? '').trim().toLowerCase() as PriorityKind;
    if (kind !== 'praps' && kind !== 'qpv')
      say('error', 'kind', `type « ${clipValue(v.kind ?? '')} » inconnu (attendu : praps, qpv)`);
    const since = optionalDate(v.since, 'since', say);
    const until = optionalDate(v.until, 'until', say);
    if (since && until && until < since) say('error', 'until', `fin ${until} antérieure au début ${since}`);
    const sourceUrl = v.source_url ?? '';
    const urlProblem = sourceUrlProblem(sourceUrl);
    if (urlProblem) say('error', 'source_url', urlProblem);
    let population: number | null = null;
    if (v.population) {
      if (!/^\d+$/.test(v.population.replace(/[\s\u202f\u00a0]/g, '')))
        say('error', 'population', `population « ${clipValue(v.population)} » : un entier est attendu`);
      else population = Number(v.population.replace(/[\s\u202f\u00a0]/g, ''));
    }
    let verified: boolean | null = null;
    if (v.verified !== undefined) {
      verified = parseYesNo(v.verified);
      if (verified === null) say('error', 'verified', `« ${clipValue(v.verified)} » : yes ou no attendu`);
    }
    let perimeter = splitPerimeter(v.perimeter ?? '');
    if (perimeter.length === 0) say('error', 'perimeter', 'périmètre vide');
    else {
      const date = since ?? `${options.cogYears[options.cogYears.length - 1]}-01-01`;
      const resolved = resolvePerimeter(perimeter, options.referenceFor(cogYearAt(date, options.cogYears).cog));
      for (const p of resolved.problems) say(p.severity, 'perimeter', p.message);
      perimeter = resolved.normalized;
    }
    diagnostics.push(...errors);
    if (errors.length) {
      rejectedLines.push(line);
      continue;
    }
    accepted.push({
      id,
      kind,
      label: v.label ?? id,
      perimeter,
      since,
      until,
      sourceUrl,
      evidence: v.evidence ?? '',
      line,
      population,
      verified,
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { accepted, rejectedLines, diagnostics };
}

/** What describes a document whatever its date: territory, type, generation, verified, source, quote. */
function describedDocument(
  v: Record<string, string>,
  say: (severity: 'error' | 'warning', field: string, message: string) => void,
): Pick<RegistryDocument, 'territory' | 'docType' | 'generation' | 'sourceUrl' | 'evidence'> & {
  verified: boolean | null;
} {
  const territory = v.territory ?? '';
  if (!territory) say('error', 'territory', 'nom du territoire vide');

  const docType = (v.doc_type ?? '').toLowerCase() as DocType;
  if (!DOC_TYPES.includes(docType))
    say('error', 'doc_type', `type « ${clipValue(v.doc_type ?? '')} » inconnu (attendu : ${DOC_TYPES.join(', ')})`);

  let generation: number | null = null;
  if (v.generation) {
    if (!/^[1-9]$/.test(v.generation))
      say('error', 'generation', `génération « ${clipValue(v.generation)} » : un entier de 1 à 9 est attendu`);
    else generation = Number(v.generation);
  }

  const verified = parseYesNo(v.verified ?? '');
  if (verified === null) say('error', 'verified', `« ${clipValue(v.verified ?? '')} » : yes ou no attendu`);

  const sourceUrl = v.source_url ?? '';
  const urlProblem = sourceUrlProblem(sourceUrl);
  if (urlProblem)
    say('error', 'source_url', sourceUrl ? urlProblem : 'source manquante : chaque document doit citer sa source');
  const evidence = v.evidence ?? '';
  if (!evidence) say('warning', 'evidence', 'aucune citation de la source');
  return { territory, docType, generation, verified, sourceUrl, evidence };
}

export const UNDATED_COLUMNS = [
  'id',
  'territory',
  'perimeter',
  'doc_type',
  'signed_on',
  'ends_on',
  'generation',
  'verified',
  'source_url',
  'evidence',
  'date_note',
] as const;

/**
 * Validates the rows of `undated.csv`: sourced documents whose signing date is unknown, kept apart
 * from coverage (no date, no as-of answer) but listed with what is known of their date. Same fields
 * and checks as documents.csv, except that `signed_on` must be empty and `date_note` says why;
 * perimeter codes are checked against the latest COG year.
 */
export function validateUndatedDocuments(
  rows: readonly RawRow[],
  file: string,
  options: ValidateOptions,
): ValidationResult<UndatedDocument> {
  const diagnostics: Diagnostic[] = [];
  const accepted: UndatedDocument[] = [];
  const rejectedLines: number[] = [];
  const firstLineOfId = new Map<string, number>();
  const latest = Math.max(...options.cogYears);
  for (const { line, values: v } of rows) {
    const { errors, say, id } = startRow(file, line, v, diagnostics, firstLineOfId);
    const { territory, docType, generation, verified, sourceUrl, evidence } = describedDocument(v, say);
    if (v.signed_on)
      say('error', 'signed_on', `date « ${clipValue(v.signed_on)} » : un document daté va dans documents.csv`);
    const dateNote = v.date_note ?? '';
    if (!dateNote) say('error', 'date_note', 'dire ce que l’on sait de la date (ou pourquoi elle manque)');
    const perimeter = checkedPerimeter(v.perimeter ?? '', options.referenceFor(latest), say);
    diagnostics.push(...errors);
    if (errors.length > 0) {
      rejectedLines.push(line);
      continue;
    }
    accepted.push({
      id,
      territory,
      perimeter,
      docType,
      generation,
      verified: verified!,
      sourceUrl,
      evidence,
      dateNote,
      line,
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { accepted, rejectedLines, diagnostics };
}

/** A perimeter's codes, checked (and normalised) in `ref` when a COG year could be chosen. */
function checkedPerimeter(
  text: string,
  ref: Reference | null,
  say: (severity: 'error' | 'warning', field: string, message: string) => void,
): string[] {
  const codes = splitPerimeter(text);
  if (codes.length === 0) {
    say('error', 'perimeter', 'périmètre vide');
    return codes;
  }
  if (!ref) return codes;
  const resolved = resolvePerimeter(codes, ref);
  for (const p of resolved.problems) say(p.severity, 'perimeter', p.message);
  return resolved.normalized;
}

/** Starts checking a row: collects its errors apart from warnings, and checks that its id is set and unique. */
function startRow(
  file: string,
  line: number,
  v: Record<string, string>,
  diagnostics: Diagnostic[],
  firstLineOfId: Map<string, number>,
) {
  const errors: Diagnostic[] = [];
  const say = (severity: 'error' | 'warning', field: string, message: string) =>
    (severity === 'error' ? errors : diagnostics).push({ severity, file, line, field, message });
  const id = normalizeId(v.id ?? '');
  // Ids that look the same (case, accents composed or not, invisible characters) are the same id.
  const key = id.toLowerCase();
  if (!id) say('error', 'id', 'identifiant vide');
  else if (firstLineOfId.has(key))
    say('error', 'id', `identifiant « ${clipValue(id)} » en double (déjà ligne ${firstLineOfId.get(key)})`);
  else firstLineOfId.set(key, line);
  return { errors, say, id };
}

function optionalDate(
  text: string | undefined,
  field: string,
  say: (s: 'error', f: string, m: string) => void,
): string | null {
  if (!text) return null;
  const d = parseDate(text);
  if (!d || !isIsoDate(d.date)) {
    say('error', field, `date « ${clipValue(text)} » illisible (année entre ${YEAR_RANGE.min} et ${YEAR_RANGE.max})`);
    return null;
  }
  return d.date;
}

/**
 * An id as compared and stored: Unicode NFC, without invisible characters (zero-width, bidi marks,
 * BOM), trimmed.
 * @example normalizeId('lens\u200b') // "lens"
 */
export function normalizeId(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/g, '')
    .trim();
}

/** Splits a perimeter field on `|` (spaces around codes are ignored). */
export function splitPerimeter(text: string): string[] {
  return text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === 'yes' || t === 'oui') return true;
  if (t === 'no' || t === 'non') return false;
  return null;
}

/** First day a parsed date may mean: the day itself, or the first day of its month or year. */
function startOf(d: ParsedDate): string {
  if (d.precision === 'year') return `${d.date.slice(0, 4)}-01-01`;
  return d.precision === 'month' ? `${d.date.slice(0, 8)}01` : d.date;
}
