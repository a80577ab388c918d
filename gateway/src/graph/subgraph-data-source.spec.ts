import { describe, expect, it } from '@jest/globals';
import { decodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  Role,
} from '@civitas/contracts';
import { CivitasSubgraphDataSource } from './subgraph-data-source.js';

const SECRET = 's'.repeat(32);

function send(context: unknown) {
  const headers = new Headers();
  const source = new CivitasSubgraphDataSource('http://127.0.0.1:1/graphql', SECRET);
  source.willSendRequest({
    request: { query: '{ a }', http: { headers, method: 'POST', url: '' } },
    context,
  } as never);
  return headers;
}

describe('CivitasSubgraphDataSource', () => {
  it('forwards the verified identity, the secret and the correlation id', () => {
    const identity = { sub: 'u-9', roles: [Role.Supervisor], departments: ['parks'] };
    const headers = send({ identity, correlationId: 'corr-1' });
    expect(headers.get(HEADER_GATEWAY_SECRET)).toBe(SECRET);
    expect(decodeIdentity(headers.get(HEADER_IDENTITY) ?? undefined)).toEqual(identity);
    expect(headers.get(HEADER_CORRELATION_ID)).toBe('corr-1');
  });

  it('sends an anonymous identity when the operation has none', () => {
    const headers = send({});
    expect(decodeIdentity(headers.get(HEADER_IDENTITY) ?? undefined)).toEqual(ANONYMOUS);
    expect(headers.get(HEADER_CORRELATION_ID)).toBeNull();
  });
});
