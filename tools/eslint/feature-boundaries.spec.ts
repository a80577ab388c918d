import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { featureBoundaries } from './feature-boundaries.js';

const SRC = '/repo/services/cases/src';

// RuleTester registers its cases with the test framework's describe/it.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it;

const ruleTester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

ruleTester.run('feature-boundaries', featureBoundaries, {
  valid: [
    {
      name: 'another feature through its public file',
      filename: `${SRC}/cases/use-cases/open-case/open-case.use-case.ts`,
      code: "import { TimelineRepository } from '../../../timeline/index.js';",
    },
    {
      name: 'a type from another feature through its public file',
      filename: `${SRC}/interactions/interaction.entity.ts`,
      code: "import type { CaseEntity } from '../cases/index.js';",
    },
    {
      name: 'a file of the same feature, however deep',
      filename: `${SRC}/cases/graphql/case.resolver.ts`,
      code: "import { CaseStatusWriter } from '../use-cases/change-status/case-status-writer.js';",
    },
    {
      name: 'the service config and database folders are wiring, not features',
      filename: `${SRC}/cases/case.repository.ts`,
      code: "import { CasesConfig } from '../config/cases.config.js';\nimport { CASES } from '../database/definition.js';",
    },
    {
      name: 'the root module composes features through their public files',
      filename: `${SRC}/app.module.ts`,
      code: "import { CasesModule } from './cases/index.js';\nimport { CASES } from './database/definition.js';",
    },
    {
      name: 'libraries by alias',
      filename: `${SRC}/cases/case.entity.ts`,
      code: "import { CaseStatus } from '@civitas/contracts';",
    },
    {
      name: 'files outside a service src are not checked',
      filename: '/repo/libs/messaging/src/index.ts',
      code: "export * from './outbox/outbox.repository.js';",
    },
  ],
  invalid: [
    {
      name: 'a file inside another feature',
      filename: `${SRC}/cases/use-cases/open-case/open-case.use-case.ts`,
      code: "import { TimelineRepository } from '../../../timeline/timeline.repository.js';",
      errors: [
        {
          messageId: 'deepImport',
          data: {
            specifier: '../../../timeline/timeline.repository.js',
            feature: 'timeline',
            publicFile: '../../../timeline/index.js',
          },
        },
      ],
    },
    {
      name: 'type-only, re-exported and dynamic imports cross the boundary too',
      filename: `${SRC}/legacy/legacy-cases.repository.ts`,
      code: [
        "import type { CaseEntity } from '../cases/case.entity.js';",
        "export { TimelineKind } from '../timeline/timeline-entry.entity.js';",
        "export * from '../interactions/interaction.entity.js';",
        "const later = () => import('../cases/graphql/case.object.js');",
      ].join('\n'),
      errors: [
        { messageId: 'deepImport', line: 1 },
        { messageId: 'deepImport', line: 2 },
        { messageId: 'deepImport', line: 3 },
        { messageId: 'deepImport', line: 4 },
      ],
    },
    {
      name: 'the wiring reaches features only through their public files',
      filename: `${SRC}/database/definition.ts`,
      code: "import { CaseEntity } from '../cases/case.entity.js';",
      errors: [
        {
          messageId: 'deepImport',
          data: {
            specifier: '../cases/case.entity.js',
            feature: 'cases',
            publicFile: '../cases/index.js',
          },
        },
      ],
    },
    {
      name: 'a root file',
      filename: `${SRC}/app.module.ts`,
      code: "import { CasesModule } from './cases/cases.module.js';",
      errors: [
        {
          messageId: 'deepImport',
          data: {
            specifier: './cases/cases.module.js',
            feature: 'cases',
            publicFile: './cases/index.js',
          },
        },
      ],
    },
    {
      name: "a feature's own public file, from inside it",
      filename: `${SRC}/cases/graphql/case.resolver.ts`,
      code: "import { CaseEntity } from '../index.js';",
      errors: [{ messageId: 'ownPublicFile' }],
    },
  ],
});

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('eslint.config.js', () => {
  it('applies the rule to the sources and tests of every service', async () => {
    const services = readdirSync(join(ROOT, 'services'));
    const files = services.flatMap((service) => [
      `services/${service}/src/app.module.ts`,
      `services/${service}/src/some-feature/some.int-spec.ts`,
    ]);

    const eslint = new ESLint({ cwd: ROOT });
    const configs = (await Promise.all(files.map((f) => eslint.calculateConfigForFile(f)))) as {
      rules: Record<string, unknown>;
    }[];

    expect(configs.map((c) => c.rules['civitas/feature-boundaries'])).toEqual(files.map(() => [2]));
  });
});
