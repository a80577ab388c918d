/** HTTP headers between the gateway and the subgraphs. Subgraphs trust identity only with the secret. */
export const HEADER_GATEWAY_SECRET = 'x-civitas-gateway-secret';
export const HEADER_IDENTITY = 'x-civitas-identity';
export const HEADER_CORRELATION_ID = 'x-correlation-id';

/**
 * The largest request body a subgraph accepts (its JSON parser's limit). The gateway splits an
 * entity fetch that would be larger into several that fit (docs/adr/0041).
 */
export const SUBGRAPH_MAX_BODY_BYTES = 1_048_576;

/**
 * Where a subgraph serves the plain-HTTP answers the gateway streams to clients (downloads such
 * as open data and CSV exports: docs/adr/0057). Like /graphql it answers only the gateway (the
 * secret) and reads the caller from the identity header; the gateway maps a public path
 * `/<path>` to `<subgraph>/rest/<path>`.
 */
export const SUBGRAPH_REST_PREFIX = '/rest';
