import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { findRepoRoot } from '../platform/repo-root.js';
import { composeSupergraph } from './compose-supergraph.js';
import { readSubgraphSdls, supergraphFileOf } from './subgraph-files.js';

describe('the committed supergraph', () => {
  it('is what the committed subgraph schemas compose to (run `npm run schema` after a schema change)', () => {
    const root = findRepoRoot();
    const composed = composeSupergraph(readSubgraphSdls(root));
    const committed = readFileSync(supergraphFileOf(root), 'utf8');
    expect(committed).toBe(composed.endsWith('\n') ? composed : `${composed}\n`);
  });
});
