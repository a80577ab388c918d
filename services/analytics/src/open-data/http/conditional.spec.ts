import { describe, expect, it } from '@jest/globals';
import { clientCopyIsCurrent } from './conditional.js';

describe('conditional requests (RFC 9110)', () => {
  const etag = '"abc"';
  const changed = new Date('2026-12-07T08:00:00.700Z');

  it('decides by If-None-Match when it is sent, whatever If-Modified-Since says', () => {
    const since = changed.toUTCString();
    expect(
      clientCopyIsCurrent({ ifNoneMatch: 'W/"abc"', ifModifiedSince: undefined }, etag, changed),
    ).toBe(true);
    expect(
      clientCopyIsCurrent({ ifNoneMatch: '"old"', ifModifiedSince: since }, etag, changed),
    ).toBe(false);
  });

  it('answers If-Modified-Since in whole seconds, and never without a Last-Modified', () => {
    const ask = (ifModifiedSince: string, lastModified: Date | null = changed) =>
      clientCopyIsCurrent({ ifNoneMatch: undefined, ifModifiedSince }, etag, lastModified);
    expect(ask('Mon, 07 Dec 2026 08:00:00 GMT')).toBe(true);
    expect(ask('Mon, 07 Dec 2026 07:59:59 GMT')).toBe(false);
    expect(ask('not a date')).toBe(false);
    expect(ask('Mon, 07 Dec 2026 08:00:00 GMT', null)).toBe(false);
  });
});
