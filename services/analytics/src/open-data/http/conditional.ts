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

/** Writes a chunk, waiting for the client to read when its buffer is full. */
export async function writeChunk(
  res: {
    write(chunk: string, encoding: 'utf8'): boolean;
    once(event: string, listener: () => void): unknown;
  },
  chunk: string,
): Promise<void> {
  if (!res.write(chunk, 'utf8')) {
    await new Promise<void>((resolve, reject) => {
      res.once('drain', resolve);
      res.once('close', () => reject(new Error('the client went away')));
    });
  }
}
