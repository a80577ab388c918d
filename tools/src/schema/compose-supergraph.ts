import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSdl {
  name: string;
  /** Written into the supergraph; the gateway overrides it from its environment at run time. */
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Composes subgraph SDLs into the supergraph SDL the gateway loads; throws with every problem. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const parsed = subgraphs.map(({ name, url, sdl }) => {
    try {
      return { name, url, typeDefs: parse(sdl) };
    } catch (error) {
      throw new CompositionError([`${name}: ${(error as Error).message}`]);
    }
  });
  const result = composeServices(parsed);
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => error.message));
  }
  return result.supergraphSdl;
}
