import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ANONYMOUS } from '@civitas/contracts';
import {
  graphqlMetricsPlugin,
  graphqlTracingPlugin,
  type JsonLogger,
} from '@civitas/observability';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { EdgeRequest } from '../http/edge.middleware.js';
import { formatGatewayError } from './format-gateway-error.js';
import type { GatewayContext } from './gateway-context.js';
import { GraphExecutor } from './graph-executor.js';
import {
  aliasLimitRule,
  depthLimitRule,
  directiveLimitRule,
  fragmentSpreadLimitRule,
  repeatedFieldLimitRule,
} from './limits/index.js';
import { formatLimitError } from './limits/limit-error.format.js';
import { operationResolutionPlugin } from './limits/operation-resolution.plugin.js';
import { queryCostPlugin } from './limits/query-cost.plugin.js';
import { TimeBudget } from './limits/time-budget.js';
import { VariableCoercion } from './limits/variable-coercion.js';
import { CivitasSubgraphDataSource } from './subgraph-data-source.js';
import { unexpectedErrorsPlugin } from './unexpected-errors.plugin.js';

export interface GraphModuleOptions {
  config: GatewayConfig;
  supergraphSdl: string;
  logger: JsonLogger;
  registry: Registry;
}

/**
 * How many selections the cost estimate may visit, fragments expanded: enough for any document
 * within the token limit written without fragment tricks, and a bound on the walk for the rest.
 */
const COST_WALK_NODES = 20_000;

/** Apollo Gateway over the static supergraph, with the edge limits. */
@Module({})
export class GraphModule {
  static forRoot({ config, supergraphSdl, logger, registry }: GraphModuleOptions): DynamicModule {
    const urls = config.subgraphUrls;
    const budget = new TimeBudget(config.GRAPHQL_TIME_BUDGET_MS);
    const coercion = new VariableCoercion(config.MAX_VARIABLE_ERRORS);
    const formatError = formatGatewayError(config.production, urls);
    const formatLimit = formatLimitError(config.production);
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
            // Stacks are logged, never answered (format-gateway-error.ts).
            includeStacktraceInErrorResponses: false,
            hideSchemaDetailsFromClientErrors: config.production,
            graphiql: !config.production,
            // The limits of docs/adr/0037: each bounded by the size of the document.
            parseOptions: {
              maxLexicalTokens: config.MAX_QUERY_TOKENS,
              maxSourceLength: config.MAX_QUERY_LENGTH,
            },
            validationRules: [
              // First: it stops validation before graphql-js's quadratic field merging runs.
              repeatedFieldLimitRule(config.MAX_FIELD_REPEATS),
              depthLimitRule(config.MAX_QUERY_DEPTH),
              aliasLimitRule(config.MAX_ALIASES),
              directiveLimitRule(config.MAX_DIRECTIVES),
              fragmentSpreadLimitRule(config.MAX_FRAGMENT_SPREADS),
            ],
            formatError: (formatted, error) => formatError(formatLimit(formatted, error), error),
            plugins: [
              graphqlMetricsPlugin<GatewayContext>(
                registry,
                'civitas_gateway_graphql',
                'the gateway',
              ),
              graphqlTracingPlugin<GatewayContext>(),
              operationResolutionPlugin(),
              coercion.plugin(),
              queryCostPlugin(
                config.MAX_QUERY_COST,
                { defaultListSize: config.QUERY_COST_LIST_SIZE, maxNodes: COST_WALK_NODES },
                coercion,
              ),
              budget.plugin(),
              unexpectedErrorsPlugin(logger, config.production),
            ],
            logger: logger.child({ component: 'apollo' }),
          },
          gateway: {
            supergraphSdl,
            logger: logger.child({ component: 'apollo-gateway' }),
            // The URL in the supergraph is only where the subgraph was when composed.
            buildService: ({ name, url }) =>
              new CivitasSubgraphDataSource(
                urls[name] ?? [url ?? ''],
                config.GATEWAY_SECRET,
                budget,
              ),
          },
        }),
      ],
      providers: [GraphExecutor],
      exports: [GraphExecutor],
    };
  }
}
