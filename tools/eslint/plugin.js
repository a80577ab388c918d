// @ts-check
// The project's own lint rules, loaded by eslint.config.js as the `civitas` plugin.
import { featureBoundaries } from './feature-boundaries.js';

/** @type {import('eslint').ESLint.Plugin} */
export const civitas = {
  meta: { name: 'civitas' },
  rules: { 'feature-boundaries': featureBoundaries },
};
