import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { HEADER_GATEWAY_SECRET, SUBGRAPH_REST_PREFIX } from '@civitas/contracts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>;

/** What a stand-in's resolvers get as their context: the headers the gateway sent. */
export interface StandInContext {
  headers: IncomingHttpHeaders;
}

/** Resolvers by type and field; each gets the parent, the arguments and a `StandInContext`. */
export type StandInResolvers = Record<
  string,
  Record<string, (parent: never, args: never, context: StandInContext) => unknown>
>;

export interface StandInSubgraphOptions {
  /** The subgraph's name in the supergraph (`cases`, `routing`, …). */
  name: string;
  /** Its Federation 2 SDL. */
  sdl: string;
  resolvers: StandInResolvers;
  /** The secret the gateway must send; anything else is answered 401, as the services do. */
  gatewaySecret: string;
  /**
   * Answers plain-HTTP requests under SUBGRAPH_REST_PREFIX (streamed downloads, docs/adr/0057),
   * after the secret was checked.
   */
  rest?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface StandInSubgraph {
  name: string;
  sdl: string;
  /** Its GraphQL endpoint, for the gateway's `<NAME>_URL`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A subgraph as the services behave at the HTTP level (the gateway secret required, `/health/ready`
 * answered) over a schema a gateway spec writes for itself, on a free port of 127.0.0.1.
 */
export async function startStandInSubgraph(
  options: StandInSubgraphOptions,
): Promise<StandInSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(options.sdl),
    resolvers: options.resolvers as SubgraphModule['resolvers'],
  });
  const server = createServer((req, res) => {
    if (req.url === '/health/ready') {
      res.writeHead(200).end('{"status":"ok"}');
      return;
    }
    if (req.headers[HEADER_GATEWAY_SECRET] !== options.gatewaySecret) {
      res.writeHead(401).end();
      return;
    }
    if (options.rest && req.url?.startsWith(`${SUBGRAPH_REST_PREFIX}/`)) {
      options.rest(req, res);
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { query, variables } = JSON.parse(body) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const contextValue: StandInContext = { headers: req.headers };
      void graphql({ schema, source: query, variableValues: variables, contextValue }).then(
        (result) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name: options.name,
    sdl: options.sdl,
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      // A resolver may still be waiting (a test of time budgets): its connection goes too.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A supergraph composed from stand-ins, written to a file of its own for SUPERGRAPH_PATH. */
export interface SupergraphFile {
  path: string;
  remove(): void;
}

export function writeSupergraph(
  subgraphs: Pick<StandInSubgraph, 'name' | 'sdl'>[],
): SupergraphFile {
  const composed = composeServices(
    subgraphs.map(({ name, sdl }) => ({
      name,
      typeDefs: parse(sdl),
      // The gateway routes by its <NAME>_URL settings, never by the URL composed in.
      url: 'http://composed-url-is-ignored/graphql',
    })),
  );
  if (composed.errors) {
    throw new Error(composed.errors.map((e) => e.message).join('\n'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'civitas-supergraph-'));
  const path = join(dir, 'supergraph.graphql');
  writeFileSync(path, composed.supergraphSdl);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
