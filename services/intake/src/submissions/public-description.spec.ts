import { describe, expect, it } from '@jest/globals';
import { publicDescriptionOf, REMOVED_NAME } from './public-description.js';

/** What publicDescriptionOf did for one name before docs/adr/0076: one pattern with lookarounds. */
const byLookarounds = (text: string, name: string): string =>
  text.replace(
    new RegExp(
      `(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
      'giu',
    ),
    REMOVED_NAME,
  );

describe('publicDescriptionOf (docs/adr/0057)', () => {
  it('removes e-mail addresses, phone numbers and the reporter’s own names', () => {
    expect(
      publicDescriptionOf(
        'Pothole outside no. 12. Call Zoë Okonkwo-Smith on +1 (212) 555-0187 or zoe.o@example.org - ZOË says it is deep.',
        { firstName: 'Zoë', lastName: 'Okonkwo-Smith' },
      ),
    ).toBe(
      'Pothole outside no. 12. Call [name removed] [name removed] on [phone removed] or [e-mail removed] - [name removed] says it is deep.',
    );
  });

  it('keeps the punctuation next to a removed address', () => {
    expect(
      publicDescriptionOf('Streetlight out. My address: ann@example.org, reply there.', undefined),
    ).toBe('Streetlight out. My address: [e-mail removed], reply there.');
    expect(
      publicDescriptionOf('Mail (ann@example.org) or e-mail:ann@example.org.', undefined),
    ).toBe('Mail ([e-mail removed]) or e-mail:[e-mail removed].');
  });

  it('leaves words that only contain a name, and other people, alone', () => {
    expect(
      publicDescriptionOf('Ann and Annabel saw the Hanna Street sign fall', {
        firstName: 'Ann',
        lastName: 'Hanna',
      }),
    ).toBe('[name removed] and Annabel saw the [name removed] Street sign fall');
  });

  it('treats a name as text, not as a pattern', () => {
    expect(publicDescriptionOf('O.B. (O.B.) reported it', { firstName: 'O.B.' })).toBe(
      '[name removed] ([name removed]) reported it',
    );
  });

  it('removes a name only where no letter or digit of any script touches it', () => {
    expect(
      publicDescriptionOf('𝐀Ann, Ann𝐀, 2Ann, Ann2, _Ann_, «Ann», ANNANN ann', {
        firstName: 'Ann',
      }),
    ).toBe(`𝐀Ann, Ann𝐀, 2Ann, Ann2, _${REMOVED_NAME}_, «${REMOVED_NAME}», ANNANN ${REMOVED_NAME}`);
  });

  it('looks for a name again inside a candidate a letter touched', () => {
    expect(publicDescriptionOf('Seen by xa-a-a today', { firstName: 'A-a' })).toBe(
      `Seen by xa-${REMOVED_NAME} today`,
    );
  });

  it('removes what the one pattern with lookarounds removed, on texts made to trip it', () => {
    // Pieces that stress the edges: overlapping candidates, astral letters, combining marks,
    // characters whose case folds (Kelvin sign, final sigma, dotted I), punctuation in names.
    const pieces = [
      'ana',
      'Ana',
      'ANA',
      'anana',
      '𝐀',
      '😀',
      'K',
      '\u212A',
      'σ',
      'ς',
      'Σ',
      'İ',
      'i',
    ];
    const more = [
      ' ',
      '-',
      "'",
      '.',
      '3',
      '\u0301',
      'é',
      "O'Br",
      'kσ',
      'ß',
      'ẞ',
      ',',
      '_',
      'a-',
      '-a',
      'x',
    ];
    const names = ['Ana', 'ana', "O'Br", 'Kσ', 'İi', 'ßa', 'é3', 'a-A'];
    let seed = 12;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const all = [...pieces, ...more];
    for (let i = 0; i < 1500; i++) {
      const text = Array.from({ length: 1 + next(12) }, () => all[next(all.length)]).join('');
      const name = names[next(names.length)];
      const withoutNames = publicDescriptionOf(text, undefined);
      expect([text, name, publicDescriptionOf(text, { firstName: name })]).toEqual([
        text,
        name,
        withoutNames === undefined ? undefined : byLookarounds(withoutNames, name.normalize('NFC')),
      ]);
    }
  });

  it('has nothing to publish without a description', () => {
    expect(publicDescriptionOf(undefined, { firstName: 'Ann' })).toBeUndefined();
    expect(publicDescriptionOf('   ', undefined)).toBeUndefined();
  });
});
