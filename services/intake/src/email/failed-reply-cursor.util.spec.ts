import { describe, expect, it } from '@jest/globals';
import { decodeFailedReplyCursor, encodeFailedReplyCursor } from './failed-reply-cursor.util.js';

describe('failed reply cursors', () => {
  it('name the same position they were made from, to the microsecond', () => {
    const position = {
      failedAtMicros: '1795503472990052',
      id: '5d0e8f6a-3c1b-4f7e-9a2d-1b2c3d4e5f60',
    };
    expect(decodeFailedReplyCursor(encodeFailedReplyCursor(position))).toEqual(position);
  });

  it('refuse what no list gave out', () => {
    expect(decodeFailedReplyCursor('')).toBeNull();
    expect(decodeFailedReplyCursor('not a cursor')).toBeNull();
    expect(
      decodeFailedReplyCursor(
        Buffer.from('12:not-a-uuid-but-36-characters-long!').toString('base64url'),
      ),
    ).toBeNull();
    expect(
      decodeFailedReplyCursor(
        Buffer.from("1'; DROP TABLE email_reply;--:5d0e8f6a-3c1b-4f7e-9a2d-1b2c3d4e5f60").toString(
          'base64url',
        ),
      ),
    ).toBeNull();
  });
});
