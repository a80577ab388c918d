// @ts-check
// ESLint 9 flat config. House style (docs/house-style.md): typescript-eslint's type-aware rules,
// eqeqeq, curly, no committed .only/.skip, and Nx module boundaries by project tags.
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { civitas } from './tools/eslint/plugin.js';

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];
/** TypeScript that no build tsconfig includes: tests (excluded from builds) and the e2e project. */
const OUTSIDE_BUILD_TSCONFIGS = [...TEST_FILES, 'e2e/**/*.ts'];

/** Focused or skipped tests pass CI while testing less than they claim. */
const FOCUS_OR_SKIP = ['describe', 'it', 'test']
  .flatMap((object) => ['only', 'skip'].map((property) => ({ object, property })))
  .map(({ object, property }) => ({
    object,
    property,
    message: `Do not commit ${object}.${property}; remove it or fix the test.`,
  }));

const SKIP_OR_FOCUS_ALIAS = '/^(xit|xtest|xdescribe|fit|fdescribe)$/';

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.data/',
    '**/coverage/',
    '**/.nx/',
    'bench/results/',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },

  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: {
        // Each file is typed by the nearest tsconfig.json (libs/*, services/*, gateway, tools).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          checkDynamicDependenciesExceptions: [],
          depConstraints: [
            // Services never import each other or the gateway; they share only libs.
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },

  {
    // Features inside a service are boundaries too (docs/adr/0033): another feature is reached only
    // through its public file src/<feature>/index.ts. The feature graph must also be acyclic, which
    // tools/eslint/feature-graph.spec.ts checks for every service.
    files: ['services/analytics/src/**/*.ts'],
    plugins: { civitas },
    rules: { 'civitas/feature-boundaries': 'error' },
  },

  {
    // The project service cannot place these files; tsconfig.jest.json (no include: every .ts
    // under the root) types them instead, as Jest compiles them.
    files: OUTSIDE_BUILD_TSCONFIGS,
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.jest.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  {
    files: TEST_FILES,
    rules: {
      'no-restricted-properties': ['error', ...FOCUS_OR_SKIP],
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.name=${SKIP_OR_FOCUS_ALIAS}], MemberExpression[object.name=${SKIP_OR_FOCUS_ALIAS}]`,
          message:
            'Do not commit skipped or focused tests (xit, xdescribe, xtest, fit, fdescribe).',
        },
      ],
    },
  },
]);
