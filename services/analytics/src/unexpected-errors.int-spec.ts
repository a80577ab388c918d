import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Module, type DynamicModule } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@civitas/auth';
import { HEADER_CORRELATION_ID } from '@civitas/contracts';
import {
  gatewayHeaders,
  graphql,
  startServiceHarness,
  type ServiceHarness,
} from '@civitas/testing';
import { DataSource } from 'typeorm';
import { ANALYTICS_APP } from './app.module.js';
import type { AnalyticsConfig } from './config/analytics.config.js';

/**
 * A resolver that hands what it is given to Postgres unchecked, as a resolver with a missing
 * validation would: the statement fails, and Postgres's message quotes the value.
 */
@Resolver()
class UncheckedLookupResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Query(() => String, { nullable: true })
  async uncheckedLookup(@Args('id') id: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT $1::uuid AS id', [id]);
    return rows[0]?.id ?? null;
  }
}

@Module({})
class AnalyticsWithUncheckedLookup {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsWithUncheckedLookup,
      imports: [ANALYTICS_APP.appModule(config)],
      providers: [UncheckedLookupResolver],
    };
  }
}

/** What a resident typed where an id belonged: a name and an address. */
const SUBMITTED = 'Ana Ruiz-Delgado, 12 Harbour Lane';

describe('an unexpected database error in a subgraph (real Postgres; docs/adr/0049)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;

  beforeAll(async () => {
    analytics = await startServiceHarness({
      ...ANALYTICS_APP,
      appModule: (config) => AnalyticsWithUncheckedLookup.forRoot(config),
    });
  });

  afterAll(() => analytics?.dispose());

  it('answers "Internal error" with the correlation id, and logs the SQLSTATE but not the value', async () => {
    const correlationId = randomUUID();
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let answer: Awaited<ReturnType<typeof graphql>>;
    try {
      answer = await graphql(
        analytics.url,
        'query($id: String!) { uncheckedLookup(id: $id) }',
        { id: SUBMITTED },
        { ...gatewayHeaders(), [HEADER_CORRELATION_ID]: correlationId },
      );
    } finally {
      write.mockRestore();
    }

    // Not production (NODE_ENV=test): before docs/adr/0049 the client got Postgres's message.
    expect(analytics.config.NODE_ENV).not.toBe('production');
    expect(answer.errors).toEqual([
      {
        message: 'Internal error',
        path: ['uncheckedLookup'],
        locations: [{ line: 1, column: 23 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
      },
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/Ruiz|uuid|syntax/);

    const lines = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        service: 'analytics',
        correlationId,
        msg: 'unexpected resolver error',
        path: 'uncheckedLookup',
        // invalid_text_representation
        error: expect.objectContaining({ class: 'QueryFailedError', code: '22P02' }),
      }),
    );
    expect(written.join('')).not.toContain('Ruiz');
    expect(written.join('')).not.toContain('invalid input syntax');
  });
});
