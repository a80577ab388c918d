/**
 * Three kinds of test (house-style.md): `*.spec.ts` pure logic; `*.int-spec.ts` against the real
 * Postgres and NATS; `*.e2e-spec.ts` through the gateway with the whole platform up (built first:
 * `npm test` runs `tsc -b` before Jest).
 */
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@civitas/(tools|gateway)$': '<rootDir>/$1/src/index.ts',
    '^@civitas/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, isolatedModules: true, tsconfig: '<rootDir>/tsconfig.jest.json' },
    ],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  globalSetup: '<rootDir>/jest.global-setup.js',
  maxWorkers: 2,
  // Jest reads the timeout globally, not per project: long enough for a whole-platform boot in a hook.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e-spec.ts'] },
  ],
};
