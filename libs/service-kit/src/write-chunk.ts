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
