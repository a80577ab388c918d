import { Injectable } from '@nestjs/common';
import { Role, type Identity } from '@civitas/contracts';
import type { GatewayContext } from '../../graph/gateway-context.js';
import { Open311Error } from '../errors/open311.error.js';
import type { Open311Call } from '../http/open311-call.js';
import { Open311Graph } from './open311-graph.js';
import { API_CLIENT_BY_KEY } from './operations.js';

/** The gateway's own identity when it asks intake about a key; no token can carry this role. */
const GATEWAY_ITSELF: Identity = Object.freeze({
  sub: 'gateway:open311',
  roles: [Role.Internal],
  departments: [],
}) as Identity;

/**
 * Turns an Open311 `api_key` into the API client's identity (role `integration`, its client id),
 * or refuses with 403. Intake owns the keys; only their hashes are stored there.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(private readonly graph: Open311Graph) {}

  async contextFor(call: Open311Call): Promise<GatewayContext> {
    const key = call.fields.value('api_key', undefined);
    if (!key) {
      throw Open311Error.forbidden('api_key is required for this call');
    }
    const found =
      key.length > 200
        ? null
        : (
            await this.graph.run<{ apiClientByKey: { id: string; name: string } | null }>(
              API_CLIENT_BY_KEY,
              { key },
              { identity: GATEWAY_ITSELF, correlationId: call.context.correlationId },
            )
          ).apiClientByKey;
    if (!found) {
      throw Open311Error.forbidden('api_key is not valid: it is unknown or has been revoked');
    }
    return {
      correlationId: call.context.correlationId,
      identity: {
        sub: `api-client:${found.id}`,
        roles: [Role.Integration],
        departments: [],
        clientId: found.id,
      },
    };
  }
}
