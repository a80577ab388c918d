/** HTTP headers between the gateway and the subgraphs. Subgraphs trust identity only with the secret. */
export const HEADER_GATEWAY_SECRET = 'x-civitas-gateway-secret';
export const HEADER_IDENTITY = 'x-civitas-identity';
export const HEADER_CORRELATION_ID = 'x-correlation-id';

/**
 * The largest request body a subgraph accepts (its JSON parser's limit). The gateway splits an
 * entity fetch that would be larger into several that fit (docs/adr/0041).
 */
export const SUBGRAPH_MAX_BODY_BYTES = 1_048_576;
