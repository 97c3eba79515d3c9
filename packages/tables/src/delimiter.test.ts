import { describe, expect, it } from 'vitest';
import { guessDelimiter } from './delimiter.ts';

describe('guessDelimiter', () => {
  it('picks the separator that splits the header and every line alike, counted outside quotes', () => {
    expect(guessDelimiter('id;territoire\n1;"Lens, Liévin"\n')).toEqual({ delimiter: ';', doubt: null });
    expect(guessDelimiter('id,territoire\n1,"Lens; Liévin"\n')).toEqual({ delimiter: ',', doubt: null });
    expect(guessDelimiter('id\tterritoire\n1\tLens\n').delimiter).toBe('\t');
  });

  it('reads two columns with decimal commas (lon;lat) as ; without doubt', () => {
    expect(guessDelimiter('lon;lat\n2,83;50,43\n3,06;50,63\n')).toEqual({ delimiter: ';', doubt: null });
  });

  it('says its doubt when several separators split every line, or none does', () => {
    const both = guessDelimiter('a;b,c\n1;2,3\n');
    expect(both.delimiter).toBe(';');
    expect(both.doubt).toMatch(/découperait aussi chaque ligne/);
    expect(guessDelimiter('seule\nvaleur\n').doubt).toMatch(/aucun séparateur/);
    const uneven = guessDelimiter('a;b;c\n1;2;3\n4;5\n');
    expect(uneven.delimiter).toBe(';');
    expect(uneven.doubt).toMatch(/1 ligne sur 3/);
  });
});
