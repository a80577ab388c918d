import type { Identity } from '@civitas/contracts';

/** Per-operation context: what the edge verified, carried to every subgraph fetch. */
export interface GatewayContext {
  identity: Identity;
  correlationId: string;
}
