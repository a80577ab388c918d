import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** How the gateway's fetcher words a subgraph it could not reach (subgraph-data-source.ts). */
const UNREACHABLE = /^request to (\S+) failed, reason: /;

/** Codes that say "something failed on our side": logged, answered with a correlation id only. */
export const UNEXPECTED_CODES: ReadonlySet<string> = new Set([
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
]);

/**
 * Subgraph errors keep their `extensions.code` (the gateway already passes them through). A
 * subgraph that cannot be reached becomes SERVICE_UNAVAILABLE naming the service, not an internal
 * error carrying its address. An unexpected error is answered `Internal error` in every
 * environment: its text (a subgraph's, the fetcher's, a planner's) says nothing a client can act
 * on and may quote what was sent; the unexpected-errors plugin logs it and gives the answer the
 * request's correlation id (docs/adr/0049). Stack traces and a subgraph's raw HTTP answer never
 * reach a client; in production the name of the subgraph that failed does not either.
 */
export function formatGatewayError(
  production: boolean,
  subgraphUrls: Record<string, readonly string[]> = {},
) {
  const serviceByUrl = new Map(
    Object.entries(subgraphUrls).flatMap(([name, urls]) => urls.map((url) => [url, name] as const)),
  );
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    if (isRequestRefusal(error)) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    const unreachable = UNREACHABLE.exec(formatted.message);
    if (unreachable) {
      const service = serviceByUrl.get(unreachable[1]) ?? 'a';
      return {
        message: `The ${service} service is unavailable; try again shortly`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') {
      return {
        message: 'Internal error',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    // Never to a client, in any environment (`npm start` is what people probe): stack traces
    // (they name the server's files) and `response`, a subgraph's own HTTP answer to a failed
    // fetch (its URL, status and body, which may be an error page with a stack trace). The
    // stack is in the log under the correlation id. Outside production the failing subgraph's
    // name stays: it helps a developer and tells an attacker of a development machine nothing.
    const {
      stacktrace: _stacktrace,
      serviceName,
      exception: _exception,
      response: _response,
      ...extensions
    } = formatted.extensions ?? {};
    return {
      ...formatted,
      extensions: { ...extensions, ...(production || !serviceName ? {} : { serviceName }), code },
    };
  };
}

/**
 * Apollo Server's own refusal of a request it cannot run ("provided sha does not match query"):
 * a GraphQLError it raised with a 4xx status and no code, which it would otherwise word as an
 * INTERNAL_SERVER_ERROR. Subgraph errors always carry their code, so they never match.
 */
function isRequestRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code) {
    return false;
  }
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
