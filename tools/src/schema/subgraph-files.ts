import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND_SERVICES, DEFAULT_PORTS } from '../platform/launch-platform.js';
import type { SubgraphSdl } from './compose-supergraph.js';

export const schemaFileOf = (rootDir: string, service: string): string =>
  join(rootDir, 'services', service, 'schema.graphql');
export const supergraphFileOf = (rootDir: string): string =>
  join(rootDir, 'gateway', 'supergraph.graphql');

/** Every service's committed SDL, with its default local URL. Names every missing file at once. */
export function readSubgraphSdls(rootDir: string): SubgraphSdl[] {
  const missing = BACKEND_SERVICES.filter((service) => !existsSync(schemaFileOf(rootDir, service)));
  if (missing.length > 0) {
    throw new Error(
      `Missing subgraph schema: ${missing.map((service) => schemaFileOf(rootDir, service)).join(', ')}`,
    );
  }
  return BACKEND_SERVICES.map((service) => ({
    name: service,
    url: `http://127.0.0.1:${DEFAULT_PORTS[service]}/graphql`,
    sdl: readFileSync(schemaFileOf(rootDir, service), 'utf8'),
  }));
}
