import { describe, expect, it } from '@jest/globals';
import { fetchFromReplicas, SubgraphReplicas } from './subgraph-replicas.js';

const A = 'http://127.0.0.1:4101/graphql';
const B = 'http://127.0.0.1:4102/graphql';

function refused(url: string): Error {
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: 'ECONNREFUSED' });
  return new Error(`request to ${url} failed, reason: ECONNREFUSED`, {
    cause: new TypeError('fetch failed', { cause }),
  });
}

describe('SubgraphReplicas', () => {
  it('sends requests to the replicas in turn', async () => {
    const asked: string[] = [];
    const fetch = fetchFromReplicas(new SubgraphReplicas([A, B]), async (url) => {
      asked.push(url);
      return new Response('{}');
    });
    for (let i = 0; i < 4; i++) {
      await fetch(A, { method: 'POST', body: '{}' });
    }
    expect(asked).toEqual([A, B, A, B]);
  });

  it('passes a request a replica refused to the next, and fails when all refuse', async () => {
    let down = new Set([A]);
    const asked: string[] = [];
    const fetch = fetchFromReplicas(new SubgraphReplicas([A, B]), async (url) => {
      asked.push(url);
      if (down.has(url)) {
        throw refused(url);
      }
      return new Response(url);
    });
    expect(await (await fetch(A, {})).text()).toBe(B);
    expect(await (await fetch(A, {})).text()).toBe(B);
    expect(asked).toEqual([A, B, B]);
    down = new Set([A, B]);
    await expect(fetch(A, {})).rejects.toThrow('failed, reason: ECONNREFUSED');
  });

  it('does not send again what a replica may have received', async () => {
    const asked: string[] = [];
    const fetch = fetchFromReplicas(new SubgraphReplicas([A, B]), async (url) => {
      asked.push(url);
      throw new Error(`request to ${url} failed, reason: ECONNRESET`);
    });
    await expect(fetch(A, {})).rejects.toThrow('ECONNRESET');
    expect(asked).toEqual([A]);
  });
});
