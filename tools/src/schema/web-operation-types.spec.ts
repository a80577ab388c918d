import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findRepoRoot } from '../platform/repo-root.js';
import { generateWebOperationTypes, WEB_OPERATION_TYPES_FILE } from './web-operation-types.js';

describe("the web app's committed operation types (docs/adr/0095)", () => {
  it('are what GraphQL Code Generator makes from the committed supergraph and the operations in web/src (run `npm run codegen`)', async () => {
    const root = findRepoRoot();
    // Throws, naming the operation and the field, when an operation does not fit the schema.
    const { content } = await generateWebOperationTypes(root);
    expect(readFileSync(join(root, WEB_OPERATION_TYPES_FILE), 'utf8')).toBe(content);
  });
});
