/**
 * Whether `If-None-Match` names the current ETag (weak comparison, as RFC 9110 asks of this
 * header): then the client's copy is current and the answer is 304.
 */
export function clientHoldsCurrent(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) {
    return false;
  }
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * Whether the client's copy is current (RFC 9110 13.2.2): by its ETag when it sends
 * If-None-Match, otherwise by If-Modified-Since against the time the data last changed (HTTP
 * dates have whole seconds; docs/adr/0065 says why a same-second change is never missed).
 */
export function clientCopyIsCurrent(
  headers: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined },
  etag: string,
  lastModified: Date | null,
): boolean {
  if (headers.ifNoneMatch) {
    return clientHoldsCurrent(headers.ifNoneMatch, etag);
  }
  if (!headers.ifModifiedSince || !lastModified) {
    return false;
  }
  const since = Date.parse(headers.ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
