import type { GraphQLFormattedError } from 'graphql';

/**
 * Subgraph errors keep their `extensions.code` (the gateway already passes them through). In
 * production the gateway also drops what only helps an attacker: stack traces, the name of the
 * subgraph that failed, and the text of unexpected errors.
 */
export function formatGatewayError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (!production) {
      return formatted;
    }
    const { stacktrace: _stacktrace, serviceName: _serviceName, exception: _exception, ...extensions } =
      formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR') {
      return { message: 'Internal error', path: formatted.path, extensions: { code } };
    }
    return { ...formatted, extensions: { ...extensions, code } };
  };
}
