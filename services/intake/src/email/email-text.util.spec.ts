import { describe, expect, it } from '@jest/globals';
import {
  clipText,
  findAddressLine,
  findTicketNumber,
  splitDisplayName,
  withoutQuotedLines,
} from './email-text.util.js';

describe('e-mail text', () => {
  it('finds a ticket number in the subject first, then the body, in any case', () => {
    expect(findTicketNumber('SR', 'Re: pothole [sr-2026-0000042]', 'about SR-2026-0000099')).toBe(
      'SR-2026-0000042',
    );
    expect(findTicketNumber('SR', 'Any news?', 'My ticket is SR-2026-0000099, thanks')).toBe(
      'SR-2026-0000099',
    );
    expect(
      findTicketNumber('SR', 'SR-2026-00000421 is too long', 'XSR-2026-0000042 is glued'),
    ).toBeNull();
    expect(findTicketNumber('CIV', 'CIV-2026-0000001')).toBe('CIV-2026-0000001');
  });

  it('finds an address given on a line of its own', () => {
    expect(findAddressLine('Hello,\nAddress: 12 Elm St, Springfield\nThanks')).toBe(
      '12 Elm St, Springfield',
    );
    expect(findAddressLine('Location - corner of 5th and Main  ')).toBe('corner of 5th and Main');
    expect(findAddressLine('Dirección: Calle Mayor 3')).toBe('Calle Mayor 3');
    expect(findAddressLine('There is a pothole on my street.')).toBeNull();
    expect(findAddressLine('Address:')).toBeNull();
  });

  it('drops quoted history, clips long text and splits display names', () => {
    expect(withoutQuotedLines('Still broken!\n\n> On Monday you wrote:\n> Thank you')).toBe(
      'Still broken!',
    );
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(splitDisplayName('"Maria de la Cruz"')).toEqual({
      firstName: 'Maria',
      lastName: 'de la Cruz',
    });
    expect(splitDisplayName('')).toEqual({});
  });
});
