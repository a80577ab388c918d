import type { GraphQLFormattedError } from 'graphql';

/** How the gateway's fetcher words a subgraph it could not reach. */
const UNREACHABLE = /^request to (\S+) failed, reason: /;

/**
 * Subgraph errors keep their `extensions.code` (the gateway already passes them through). A
 * subgraph that cannot be reached becomes SERVICE_UNAVAILABLE naming the service, not an internal
 * error carrying its address. In production the gateway also drops what only helps an attacker:
 * stack traces, the name of the subgraph that failed, a subgraph's raw HTTP answer, and the text
 * of unexpected errors.
 */
export function formatGatewayError(production: boolean, subgraphUrls: Record<string, string> = {}) {
  const serviceByUrl = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const unreachable = UNREACHABLE.exec(formatted.message);
    if (unreachable) {
      const service = serviceByUrl.get(unreachable[1]) ?? 'a';
      return {
        message: `The ${service} service is unavailable; try again shortly`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: 'SERVICE_UNAVAILABLE',
          ...(production ? {} : { detail: formatted.message }),
        },
      };
    }
    if (!production) {
      return formatted;
    }
    // `response` is a subgraph's own HTTP answer to a failed fetch (its URL, status and body,
    // which may be an error page with a stack trace).
    const {
      stacktrace: _stacktrace,
      serviceName: _serviceName,
      exception: _exception,
      response: _response,
      ...extensions
    } = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR') {
      return { message: 'Internal error', path: formatted.path, extensions: { code } };
    }
    return { ...formatted, extensions: { ...extensions, code } };
  };
}
