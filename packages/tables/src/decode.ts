export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes a text file as exported by Excel: UTF-8 with or without BOM, UTF-16 LE or BE with BOM
 * ("Texte Unicode"), or Windows-1252 when the bytes are not valid UTF-8. The BOM is removed.
 * @example decodeText(bytes) // { text: 'id;territoire…', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; doubt?: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const nulAt = nulBytesParity(bytes);
  if (nulAt === 'odd') return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (nulAt === 'even') return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A UTF-8 text with a stray invalid byte: read as UTF-8, the byte replaced and said (read as
    // Windows-1252, every accent of the file would turn into two wrong characters).
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = [...loose.matchAll(/\ufffd/g)];
    const accents = (loose.match(/[\u0080-\ufffc\ufffe-\u{10ffff}]/gu) ?? []).length;
    if (accents > 0 && bad.length <= Math.max(2, accents / 20)) {
      const line = loose.slice(0, bad[0]!.index).split('\n').length;
      return {
        text: loose,
        encoding: 'utf-8',
        doubt:
          `${bad.length > 1 ? `${bad.length} octets invalides` : 'un octet invalide'} en UTF-8 (ligne ${line}) : ` +
          'lu en UTF-8, remplacé par « \ufffd » ; vérifiez cette ligne',
      };
    }
    const text = decodeWindows1252(bytes);
    // CP850 (DOS) accents read as Windows-1252 give punctuation inside words ("B‚thune", "Soci‚t‚").
    const odd = /[\p{L}][\u0080-\u009f‚„…†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ][\p{L}]/u.exec(text);
    return {
      text,
      encoding: 'windows-1252',
      ...(odd
        ? {
            doubt:
              `encodage deviné : Windows-1252, mais « ${odd[0]} » (ligne ${text.slice(0, odd.index).split('\n').length}) ` +
              'semble mal décodé : fichier en CP850 (DOS) ? Réenregistrez-le en UTF-8',
          }
        : {}),
    };
  }
}

/** UTF-16 without BOM: ASCII text leaves a NUL byte in every other position. */
function nulBytesParity(bytes: Uint8Array): 'odd' | 'even' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? odd++ : even++;
  if (odd > n / 4 && even === 0) return 'odd';
  if (even > n / 4 && odd === 0) return 'even';
  return null;
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined stay as they are). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 as Excel writes it. Node's TextDecoder reads this label as ISO-8859-1 in its small-ICU
 * builds: the 0x80–0x9F bytes (’ “ ” … œ €) would become control characters (bug: « d’Hénin » lost
 * its apostrophe).
 * @example decodeWindows1252(Uint8Array.of(0x64, 0x92)) // "d’"
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    out += String.fromCharCode(...part);
  }
  return out.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
