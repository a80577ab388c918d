import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  cyclesOf,
  describeCycle,
  featureGraphOf,
  readSources,
  repeatedProvidersOf,
} from './feature-graph.js';

const SRC = '/repo/services/citizens/src';
const source = (file: string, ...imports: string[]) => ({
  file: `${SRC}/${file}`,
  text: imports.map((from, i) => `import { X${i} } from '${from}';`).join('\n'),
});

describe('the feature graph of a service', () => {
  it('names each cycle with the imports that close it', () => {
    const graph = featureGraphOf([
      source('consents/consent-reader.ts', '../rights/index.js'),
      source('rights/rights.module.ts', '../consents/consents.module.js', '../citizens/index.js'),
      source('citizens/citizen.repository.ts', '../config/citizens.config.js'),
      source('matching/matching.module.ts', '../merges/index.js'),
      source('merges/merges.module.ts', '../matching/match.entity.js'),
    ]);

    expect(cyclesOf(graph).map(describeCycle)).toEqual([
      "consents -> rights -> consents (consents/consent-reader.ts imports '../rights/index.js'; " +
        "rights/rights.module.ts imports '../consents/consents.module.js')",
      "matching -> merges -> matching (matching/matching.module.ts imports '../merges/index.js'; " +
        "merges/merges.module.ts imports '../matching/match.entity.js')",
    ]);
  });

  it('finds a cycle through the wiring folders and through more than two features', () => {
    const graph = featureGraphOf([
      source('config/citizens.config.ts', '../notifications/index.js'),
      source('notifications/mailer.ts', '../citizens/index.js'),
      source('citizens/citizen.repository.ts', '../config/citizens.config.js'),
    ]);

    expect(cyclesOf(graph).map((cycle) => cycle.map((edge) => edge.from))).toEqual([
      ['citizens', 'config', 'notifications'],
    ]);
  });

  it('has no cycle when features depend one way; tests and root files are not part of it', () => {
    const graph = featureGraphOf([
      source('consents/consent-reader.ts', '../citizens/index.js'),
      source('citizens/citizens.int-spec.ts', '../consents/index.js', '../database/definition.js'),
      source('database/definition.ts', '../citizens/index.js', '../consents/index.js'),
      source('app.module.ts', './citizens/index.js', './consents/index.js'),
    ]);

    expect(cyclesOf(graph)).toEqual([]);
    expect([...graph.keys()].sort()).toEqual(['consents', 'database']);
  });
});

describe('providers listed by more than one module', () => {
  it('are named with every module that lists them', () => {
    const modules = [
      {
        file: `${SRC}/cases/cases.module.ts`,
        text: '@Module({ providers: [CaseRepository, { provide: Clock, useValue: clock }, OpenCase] })\nexport class CasesModule {}',
      },
      {
        file: `${SRC}/legacy/legacy.module.ts`,
        text: '@Module({ imports: [CasesModule], providers: [CaseRepository, Clock] })\nexport class LegacyModule {}',
      },
      {
        file: `${SRC}/timeline/timeline.module.ts`,
        text: '@Module({ providers: [TimelineRepository], exports: [TimelineRepository] })\nexport class TimelineModule {}',
      },
    ];

    expect(Object.fromEntries(repeatedProvidersOf(modules))).toEqual({
      CaseRepository: ['cases/cases.module.ts', 'legacy/legacy.module.ts'],
      Clock: ['cases/cases.module.ts', 'legacy/legacy.module.ts'],
    });
  });
});

const SERVICES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'services');

describe.each(readdirSync(SERVICES))('the features of services/%s', (service) => {
  it('depend on each other without a cycle', () => {
    const cycles = cyclesOf(featureGraphOf(readSources(join(SERVICES, service, 'src'))));

    expect(cycles.map(describeCycle)).toEqual([]);
  });

  it("list each provider in one module, its own feature's", () => {
    const repeated = repeatedProvidersOf(readSources(join(SERVICES, service, 'src')));

    expect(Object.fromEntries(repeated)).toEqual({});
  });
});
