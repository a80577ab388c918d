import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { decodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  Role,
} from '@civitas/contracts';
import { aStaffMember } from '@civitas/testing';
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
    const identity = aStaffMember(Role.Supervisor, 'u-9', 'parks');
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

/**
 * A subgraph whose kept-alive connections end exactly when it announced (`Keep-Alive: timeout=2`):
 * a request on a connection in the last second of that window is the one that meets the close.
 * This server makes the race certain: it answers the first request of a connection, and drops the
 * connection, unanswered, when a request arrives on it more than a second after the one before.
 */
function closingSubgraph() {
  let connections = 0;
  const server = createServer({ keepAliveTimeout: 2_000 }, (req, res) => {
    const socket = req.socket as Socket & { lastAnswered?: number };
    if (socket.lastAnswered !== undefined && Date.now() - socket.lastAnswered > 1_000) {
      socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => {
      socket.lastAnswered = Date.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { a: 'answered' } }));
    });
  });
  server.on('connection', () => (connections += 1));
  return { server, connections: () => connections };
}

describe('CivitasSubgraphDataSource connections', () => {
  it('does not send a request on a kept-alive connection in the last second of its window', async () => {
    const { server, connections } = closingSubgraph();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const source = new CivitasSubgraphDataSource(`http://127.0.0.1:${port}/graphql`, SECRET);
      const ask = () =>
        source.process({
          kind: 'health check',
          request: { query: '{ a }', http: { headers: new Headers(), method: 'POST', url: '' } },
        } as never);

      expect((await ask()).data).toEqual({ a: 'answered' });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await ask()).data).toEqual({ a: 'answered' });
      expect(connections()).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
