export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/**
 * Decodes a text file as exported by Excel: UTF-8 with or without BOM, or Windows-1252 when the
 * bytes are not valid UTF-8. The BOM is removed.
 * @example decodeText(bytes) // { text: 'id;territoire…', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
