import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { startSpan, tracingEnabled } from './tracing.js';

/** What the span middleware reads of an Express request and response. */
interface TracedRequest {
  method: string;
  baseUrl: string;
  path: string;
  header(name: string): string | undefined;
}
interface TracedResponse {
  statusCode: number;
  once(event: 'close', listener: () => void): unknown;
}

/** The spans of HTTP requests to /graphql, which the plugin below names after their operation. */
const graphqlRequests = new WeakSet<Span>();

/**
 * Express middleware: one SERVER span per request, named by method and mount path (`POST
 * /graphql`), ended when the response is done, the parent of everything the request does.
 * `parent: 'header'` continues the caller's trace from its `traceparent` (a subgraph, called only
 * by the gateway); `'none'` starts a new trace (the public edge: a client does not choose our
 * trace ids or sampling). Passes straight through while tracing is off.
 */
export function traceHttpRequests(parent: 'header' | 'none') {
  return (req: TracedRequest, res: TracedResponse, next: () => void): void => {
    if (!tracingEnabled()) {
      next();
      return;
    }
    const { span, run } = startSpan(`${req.method} ${req.baseUrl || req.path}`, {
      kind: SpanKind.SERVER,
      parent:
        parent === 'header'
          ? { traceparent: req.header('traceparent'), tracestate: req.header('tracestate') }
          : null,
      // The path without its query string: Open311 keys travel there.
      attributes: {
        'http.request.method': req.method,
        'url.path': req.path === '/' && req.baseUrl ? req.baseUrl : req.baseUrl + req.path,
      },
    });
    if (req.baseUrl === '/graphql') {
      graphqlRequests.add(span);
    }
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    run(next);
  };
}

/**
 * Names a /graphql request's span after its operation (`mutation submitServiceRequest`: its type
 * and first root field, as the metrics label it) and marks it failed, with the first error's code,
 * when the answer has errors. An operation run in process (Open311 through the graph) leaves the
 * span of its own HTTP request as it is.
 */
export function graphqlTracingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const span = tracingEnabled() ? trace.getActiveSpan() : undefined;
      if (!span || !graphqlRequests.has(span)) {
        return;
      }
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) {
            return;
          }
          const type = ctx.operation.operation;
          const first = ctx.operation.selectionSet.selections.find((s) => s.kind === 'Field');
          const field = first?.kind === 'Field' ? first.name.value : '';
          span.updateName(`${type} ${field}`.trim());
          span.setAttribute('graphql.operation.type', type);
          if (ctx.operationName) {
            span.setAttribute('graphql.operation.name', ctx.operationName);
          }
        },
        async willSendResponse(ctx) {
          if (ctx.errors?.length) {
            // The code, not the message: a message may quote what the caller sent.
            const code = ctx.errors[0].extensions?.code;
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: typeof code === 'string' ? code : 'error',
            });
          }
        },
      };
    },
  };
}
