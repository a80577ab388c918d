import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  SUBGRAPH_MAX_BODY_BYTES,
} from '@civitas/contracts';
import { injectTraceHeaders } from '@civitas/observability';
import type { GatewayContext } from './gateway-context.js';
import type { TimeBudget } from './limits/time-budget.js';
import { fetchFromReplicas, SubgraphReplicas } from './subgraph-replicas.js';

type SubgraphAnswer = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type EntityError = NonNullable<SubgraphAnswer['errors']>[number];

/**
 * A subgraph fetch carrying the shared secret, the verified identity, the correlation id and,
 * with tracing on, the trace context (`traceparent`).
 * Nothing from the caller's own headers is forwarded: subgraphs believe only what the gateway says.
 * An entity fetch (`_entities(representations: …)`) whose body would be larger than the subgraph
 * accepts goes as several fetches that each fit, answered as one (docs/adr/0041).
 */
export class CivitasSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** `url`: the subgraph's GraphQL URL, or its replicas' URLs, asked in turn (docs/adr/0073). */
  constructor(
    url: string | readonly string[],
    private readonly gatewaySecret: string,
    private readonly budget?: TimeBudget,
    private readonly maxBodyBytes: number = SUBGRAPH_MAX_BODY_BYTES,
  ) {
    const replicas = new SubgraphReplicas(typeof url === 'string' ? [url] : url);
    // Node's own fetch, not Apollo's default (make-fetch-happen): it stops reusing an idle
    // connection a second before the subgraph's announced `Keep-Alive: timeout`, where the default
    // keeps idle sockets forever and, under load, sent requests on a connection the subgraph was
    // closing at that moment ("socket hang up", answered SERVICE_UNAVAILABLE). docs/adr/0053.
    const fetcher =
      replicas.urls.length === 1 ? fetchOrSayWhy : fetchFromReplicas(replicas, fetchOrSayWhy);
    super({
      url: replicas.urls[0],
      fetcher: fetcher as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  /** A subgraph that answers after the operation's time budget is not waited for. */
  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const work = this.inBatchesThatFit(options);
    const context = 'context' in options ? (options.context as object | undefined) : undefined;
    return this.budget ? this.budget.within(context, work) : work;
  }

  private async inBatchesThatFit(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphAnswer> {
    const { http: _http, ...body } = options.request;
    const representations = body.variables?.representations;
    if (
      !Array.isArray(representations) ||
      representations.length < 2 ||
      bodyBytes(body) <= this.maxBodyBytes
    ) {
      return super.process(options);
    }
    const base = bodyBytes({ ...body, variables: { ...body.variables, representations: [] } });
    const batches = splitToFit(representations, this.maxBodyBytes - base);
    const answers = await Promise.all(
      batches.map((batch) =>
        super.process({
          ...options,
          request: { ...body, variables: { ...body.variables, representations: batch } },
        }),
      ),
    );
    return joinEntityAnswers(answers, batches);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) {
      return;
    }
    // Health checks and schema loading run without an operation context.
    const context =
      'context' in options ? (options.context as Partial<GatewayContext> | undefined) : undefined;
    headers.set(HEADER_GATEWAY_SECRET, this.gatewaySecret);
    headers.set(HEADER_IDENTITY, encodeIdentity(context?.identity ?? ANONYMOUS));
    if (context?.correlationId) {
      headers.set(HEADER_CORRELATION_ID, context.correlationId);
    }
    // Apollo Gateway's `gateway.fetch` span is the one in hand: the subgraph's span is its child.
    injectTraceHeaders((name, value) => headers.set(name, value));
  }
}

const bodyBytes = (body: object): number => Buffer.byteLength(JSON.stringify(body), 'utf8');

/**
 * Consecutive batches of `items`, each taking at most `room` bytes as JSON array elements (the
 * items and the commas between them); an item larger than that on its own is a batch of its own.
 */
export function splitToFit<T>(items: readonly T[], room: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = bodyBytes(item as object);
    if (current.length > 0 && used + 1 + size > room) {
      batches.push(current);
      current = [];
      used = 0;
    }
    used += current.length > 0 ? 1 + size : size;
    current.push(item);
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}

/**
 * The answers to consecutive batches of one entity fetch, as the one answer the query planner
 * expects: `_entities` in the order of the representations, each error's path moved to where its
 * entity is in the whole list.
 */
function joinEntityAnswers(
  answers: SubgraphAnswer[],
  batches: readonly unknown[][],
): SubgraphAnswer {
  const entities: unknown[] = [];
  const errors: EntityError[] = [];
  answers.forEach((answer, i) => {
    const offset = entities.length;
    const found = (answer.data as { _entities?: unknown[] } | null | undefined)?._entities;
    entities.push(...(Array.isArray(found) ? found : batches[i].map(() => null)));
    for (const error of answer.errors ?? []) {
      const [root, index, ...rest] = error.path ?? [];
      errors.push(
        root === '_entities' && typeof index === 'number'
          ? { ...error, path: [root, index + offset, ...rest] }
          : error,
      );
    }
  });
  return {
    ...answers[0],
    data: { _entities: entities },
    ...(errors.length > 0 ? { errors } : { errors: undefined }),
  };
}

/**
 * Node's fetch, failing as `request to <url> failed, reason: <code>` (what format-gateway-error
 * recognises as an unreachable subgraph) instead of its bare "fetch failed".
 */
async function fetchOrSayWhy(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`request to ${url} failed, reason: ${reason}`, { cause: error });
  }
}
