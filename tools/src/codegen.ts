import { findRepoRoot } from './platform/repo-root.js';
import { writeWebOperationTypes } from './schema/web-operation-types.js';

/**
 * `npm run codegen`: writes the web app's operation types from the committed supergraph and the
 * operations in web/src (docs/adr/0095). `npm run schema` runs it after composing.
 */
async function main(): Promise<number> {
  try {
    const path = await writeWebOperationTypes(findRepoRoot());
    process.stdout.write(`wrote ${path}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`codegen: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
