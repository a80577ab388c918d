// @ts-check
// ESLint 9 flat config. House style (docs/house-style.md): typescript-eslint's type-aware rules,
// eqeqeq, curly, no committed .only/.skip, and Nx module boundaries by project tags.
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { civitas } from './tools/eslint/plugin.js';

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];
/**
 * TypeScript that no build tsconfig includes: tests (excluded from builds), the e2e project, and
 * the specs' helpers of the gateway and the services.
 */
const OUTSIDE_BUILD_TSCONFIGS = [
  ...TEST_FILES,
  'e2e/**/*.ts',
  'gateway/src/testing/**/*.ts',
  'services/*/src/testing/**/*.ts',
];

/** Focused or skipped tests pass CI while testing less than they claim. */
const FOCUS_OR_SKIP = ['describe', 'it', 'test']
  .flatMap((object) => ['only', 'skip'].map((property) => ({ object, property })))
  .map(({ object, property }) => ({
    object,
    property,
    message: `Do not commit ${object}.${property}; remove it or fix the test.`,
  }));

const SKIP_OR_FOCUS_ALIAS = '/^(xit|xtest|xdescribe|fit|fdescribe)$/';

/**
 * One writer per aggregate (docs/adr/0027). A transaction's EntityManager is reachable only from a
 * `TransactionalRepository` subclass (a compile error elsewhere); subclasses live in
 * `*.repository.ts` files.
 */
const REPOSITORIES_ONLY = {
  selector: "ClassDeclaration[superClass.name='TransactionalRepository']",
  message:
    'Only a repository (a *.repository.ts file) extends TransactionalRepository and writes in a transaction (docs/adr/0027).',
};
/** A use case passes its transaction to repositories; it never reads the manager off it. */
const NO_TRANSACTION_MANAGER = {
  selector: "MemberExpression[object.name='tx'][property.name='manager']",
  message:
    'Pass the transaction to a repository method instead of using tx.manager (docs/adr/0027).',
};
/** `service_case` is written by CaseRepository only: no TypeORM write naming CaseEntity, no SQL. */
const CASE_WRITE_MESSAGE =
  'service_case is written only by CaseRepository (services/cases/src/cases/case.repository.ts); add a method there that says what it does (docs/adr/0027).';
const CASE_WRITES_ONLY_IN_CASE_REPOSITORY = [
  {
    selector:
      "CallExpression[callee.property.name=/^(insert|update|upsert|delete|save|remove|softDelete|softRemove|restore|increment|decrement|into|preload|getRepository)$/][arguments.0.name='CaseEntity']",
    message: CASE_WRITE_MESSAGE,
  },
  {
    selector: "CallExpression[callee.name='insertMany'][arguments.1.name='CaseEntity']",
    message: CASE_WRITE_MESSAGE,
  },
  ...[
    'Literal[value=/\\b(insert\\s+into|update|delete\\s+from)\\s+service_case\\b/i]',
    'TemplateElement[value.raw=/\\b(insert\\s+into|update|delete\\s+from)\\s+service_case\\b/i]',
  ].map((selector) => ({ selector, message: CASE_WRITE_MESSAGE })),
];

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
    files: ['**/*.ts', '**/*.tsx'],
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
            // The web app runs in browsers: it may import generated GraphQL types only, never
            // service code or libs with server code (docs/adr/0072).
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:graphql-types'] },
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
    files: ['services/*/src/**/*.ts'],
    plugins: { civitas },
    rules: { 'civitas/feature-boundaries': 'error' },
  },

  {
    // The web app talks to the platform over its public APIs only (docs/adr/0072): no server
    // package, no workspace lib, no Node built-in reaches the browser bundle.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@civitas/*', '@nestjs/*', '@apollo/gateway', '@apollo/subgraph'],
              message:
                'The web app uses the public GraphQL API only; it imports no service or lib code (docs/adr/0072).',
            },
            {
              group: ['typeorm', 'pg', 'jose', '@nats-io/*', 'node:*', 'express'],
              message: 'Server-side packages never reach the browser bundle (docs/adr/0072).',
            },
            {
              group: ['**/services/**', '**/libs/**', '**/gateway/**', '**/tools/**'],
              message:
                "The web app imports nothing from the platform's code, only the API (docs/adr/0072).",
            },
          ],
        },
      ],
    },
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

  // One writer per aggregate (docs/adr/0027): kept apart from other blocks so each rule set
  // stays readable; `no-restricted-syntax` here applies to non-test service code only.
  {
    files: ['services/*/src/**/*.ts'],
    ignores: [...TEST_FILES, '**/*.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', REPOSITORIES_ONLY, NO_TRANSACTION_MANAGER] },
  },
  {
    files: ['services/cases/src/**/*.ts'],
    ignores: [...TEST_FILES, '**/*.repository.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        REPOSITORIES_ONLY,
        NO_TRANSACTION_MANAGER,
        ...CASE_WRITES_ONLY_IN_CASE_REPOSITORY,
      ],
    },
  },
  {
    files: ['services/cases/src/**/*.repository.ts'],
    ignores: [...TEST_FILES, 'services/cases/src/cases/case.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CASE_WRITES_ONLY_IN_CASE_REPOSITORY] },
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
