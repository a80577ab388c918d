/** HTTP headers between the gateway and the subgraphs. Subgraphs trust identity only with the secret. */
export const HEADER_GATEWAY_SECRET = 'x-civitas-gateway-secret';
export const HEADER_IDENTITY = 'x-civitas-identity';
export const HEADER_CORRELATION_ID = 'x-correlation-id';
