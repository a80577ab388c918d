import { describe, expect, it } from '@jest/globals';
import { RequestBatcher } from './request-batcher.js';

describe('RequestBatcher', () => {
  it('loads the keys one request asks for in one turn with one call, and each request apart', async () => {
    const calls: string[][] = [];
    const batcher = new RequestBatcher<string>(async (keys) => {
      calls.push([...keys].sort());
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, `v-${k}`]));
    });
    const first = {};
    const second = {};
    const answers = await Promise.all([
      batcher.load(first, 'a'),
      Promise.resolve().then(() => batcher.load(first, 'b')),
      batcher.load(first, 'a'),
      batcher.load(first, 'missing'),
      batcher.load(second, 'a'),
    ]);
    expect(answers).toEqual(['v-a', 'v-b', 'v-a', null, 'v-a']);
    expect(calls.sort()).toEqual([['a'], ['a', 'b', 'missing']]);
    expect(await batcher.load(first, 'c')).toBe('v-c');
    expect(calls).toHaveLength(3);
  });

  it('fails every waiting load when the batch fails', async () => {
    const batcher = new RequestBatcher<string>(() => Promise.reject(new Error('database down')));
    const request = {};
    const loads = [batcher.load(request, 'a'), batcher.load(request, 'b')];
    for (const load of loads) {
      await expect(load).rejects.toThrow('database down');
    }
  });
});
