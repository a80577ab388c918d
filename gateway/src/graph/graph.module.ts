import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ANONYMOUS } from '@civitas/contracts';
import type { JsonLogger } from '@civitas/observability';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { EdgeRequest } from '../http/edge.middleware.js';
import { formatGatewayError } from './format-gateway-error.js';
import type { GatewayContext } from './gateway-context.js';
import { GraphExecutor } from './graph-executor.js';
import { aliasLimitRule, depthLimitRule } from './limits/index.js';
import { metricsPlugin } from './metrics.plugin.js';
import { CivitasSubgraphDataSource } from './subgraph-data-source.js';

export interface GraphModuleOptions {
  config: GatewayConfig;
  supergraphSdl: string;
  logger: JsonLogger;
  registry: Registry;
}

/** Apollo Gateway over the static supergraph, with the edge limits. */
@Module({})
export class GraphModule {
  static forRoot({ config, supergraphSdl, logger, registry }: GraphModuleOptions): DynamicModule {
    const urls = config.subgraphUrls;
    return {
      module: GraphModule,
      imports: [
        GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          server: {
            path: '/graphql',
            context: async ({ req }: { req: EdgeRequest }): Promise<GatewayContext> => ({
              identity: req.identity ?? ANONYMOUS,
              correlationId: req.correlationId ?? randomUUID(),
            }),
            allowBatchedHttpRequests: false,
            introspection: !config.production,
            includeStacktraceInErrorResponses: !config.production,
            graphiql: !config.production,
            validationRules: [
              depthLimitRule(config.MAX_QUERY_DEPTH),
              aliasLimitRule(config.MAX_ALIASES),
            ],
            formatError: formatGatewayError(config.production, urls),
            plugins: [metricsPlugin(registry)],
            logger: logger.child({ component: 'apollo' }),
          },
          gateway: {
            supergraphSdl,
            logger: logger.child({ component: 'apollo-gateway' }),
            // The URL in the supergraph is only where the subgraph was when composed.
            buildService: ({ name, url }) =>
              new CivitasSubgraphDataSource(urls[name] ?? url ?? '', config.GATEWAY_SECRET),
          },
        }),
      ],
      providers: [GraphExecutor],
      exports: [GraphExecutor],
    };
  }
}
