import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { writeChunk } from './write-chunk.js';

/** A response whose buffer is always full: every write waits for 'drain'. */
class SlowClient extends EventEmitter {
  written: string[] = [];
  write(chunk: string): boolean {
    this.written.push(chunk);
    setImmediate(() => this.emit('drain'));
    return false;
  }
}

describe('writing a file to a slow client', () => {
  it('leaves no listener behind however many times it waits', async () => {
    const client = new SlowClient();
    for (let i = 0; i < 50; i++) {
      await writeChunk(client, `row ${i}\n`);
    }
    expect(client.written).toHaveLength(50);
    expect(client.listenerCount('drain') + client.listenerCount('close')).toBe(0);
  });

  it('stops when the client goes away', async () => {
    const client = new SlowClient();
    client.write = () => false;
    const writing = writeChunk(client, 'row\n');
    client.emit('close');
    await expect(writing).rejects.toThrow('the client went away');
  });
});
