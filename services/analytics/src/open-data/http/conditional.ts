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

/**
 * Writes a chunk, waiting for the client to read when its buffer is full. Each wait removes its
 * listeners when it ends: a file of millions of rows waits thousands of times, and listeners left
 * behind would grow the response's memory with every one.
 */
export async function writeChunk(
  res: {
    write(chunk: string, encoding: 'utf8'): boolean;
    once(event: string, listener: () => void): unknown;
    off(event: string, listener: () => void): unknown;
  },
  chunk: string,
): Promise<void> {
  if (!res.write(chunk, 'utf8')) {
    await new Promise<void>((resolve, reject) => {
      const drained = () => {
        res.off('close', closed);
        resolve();
      };
      const closed = () => {
        res.off('drain', drained);
        reject(new Error('the client went away'));
      };
      res.once('drain', drained);
      res.once('close', closed);
    });
  }
}
