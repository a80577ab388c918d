import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql } from './graphql-client.js';

export const SUBGRAPH_SDL_QUERY = '{ _service { sdl } }';

/**
 * The subgraph's SDL as served, and as committed in `services/<name>/schema.graphql`; a test
 * compares them so a resolver change without `npm run schema` fails CI.
 */
export async function servedAndCommittedSdl(
  url: string,
  headers: Record<string, string>,
  service: string,
): Promise<{ served: string; committed: string | null; path: string }> {
  const res = await graphql<{ _service: { sdl: string } }>(url, SUBGRAPH_SDL_QUERY, {}, headers);
  if (!res.data?._service) {
    throw new Error(`No SDL from ${service}: ${JSON.stringify(res.errors)}`);
  }
  const path = resolve(process.cwd(), 'services', service, 'schema.graphql');
  return {
    served: `${res.data._service.sdl.trim()}\n`,
    committed: existsSync(path) ? readFileSync(path, 'utf8') : null,
    path,
  };
}
