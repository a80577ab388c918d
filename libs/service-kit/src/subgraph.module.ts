import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { RolesGuard } from '@civitas/auth';
import {
  createMetricsRegistry,
  graphqlMetricsPlugin,
  graphqlTracingPlugin,
  METRICS_REGISTRY,
  TracingShutdown,
} from '@civitas/observability';
import { DomainErrorFilter } from './domain-error.filter.js';
import { formatGraphqlError } from './graphql-errors.js';
import { HealthController } from './health.controller.js';
import { createValidationPipe } from './validation.pipe.js';

export interface SubgraphModuleOptions {
  service: string;
  production: boolean;
  /** Entity types no query returns (only reached through federation), so the schema keeps them. */

  orphanedTypes?: Function[];
}

/**
 * What makes a NestJS app a Civitas subgraph: Federation 2 schema, deny-by-default roles guard on
 * every resolver (field resolvers too), validated inputs, one error mapper, health and metrics.
 */
@Global()
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphModuleOptions): DynamicModule {
    const registry = createMetricsRegistry(options.service);
    return {
      module: SubgraphModule,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          path: '/graphql',
          context: ({ req }: { req: unknown }) => ({ req }),
          fieldResolverEnhancers: ['guards'],
          formatError: formatGraphqlError(options.production),
          includeStacktraceInErrorResponses: false,
          introspection: !options.production,
          playground: false,
          // Traces go to Apollo's hosted studio, which a government deployment does not use.
          // No type or field carries a cache hint, so every answer was uncacheable anyway; the
          // cache-control plugin hooked every field of every answer to work that out: a quarter of
          // analytics' CPU for a 2,000-row caseStats (docs/adr/0094).
          plugins: [
            ApolloServerPluginInlineTraceDisabled(),
            ApolloServerPluginCacheControlDisabled(),
            graphqlMetricsPlugin(registry, 'civitas_graphql', `the ${options.service} subgraph`),
            graphqlTracingPlugin(),
          ],
          buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [] },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        TracingShutdown,
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
