import { existsSync, readFileSync } from 'node:fs';

export class SupergraphMissingError extends Error {
  constructor(path: string) {
    super(
      `No supergraph at ${path}. Compose it from the subgraphs' schema.graphql files with \`npm run schema\`, or set SUPERGRAPH_PATH.`,
    );
    this.name = 'SupergraphMissingError';
  }
}

/** The committed, pre-composed supergraph. The gateway never introspects subgraphs at run time. */
export function readSupergraph(path: string): string {
  if (!existsSync(path)) {
    throw new SupergraphMissingError(path);
  }
  return readFileSync(path, 'utf8');
}
