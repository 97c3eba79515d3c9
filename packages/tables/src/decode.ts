export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes a text file as exported by Excel: UTF-8 with or without BOM, UTF-16 LE or BE with BOM
 * ("Texte Unicode"), or Windows-1252 when the bytes are not valid UTF-8. The BOM is removed.
 * @example decodeText(bytes) // { text: 'id;territoire…', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
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
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
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
