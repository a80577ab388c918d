import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';

/** When this API last changed in a way clients should notice. */
export const OPEN311_CHANGESET = '2026-11-25T00:00:00Z';

@Injectable()
export class GetDiscoveryUseCase {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  execute(call: Open311Call): Promise<Open311Document> {
    return Promise.resolve({
      root: 'discovery',
      body: {
        changeset: OPEN311_CHANGESET,
        contact: this.config.OPEN311_CONTACT,
        key_service: 'An administrator issues API keys with the GraphQL mutation createApiKey',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${call.baseUrl}/open311/v2`,
            changeset: OPEN311_CHANGESET,
            type: this.config.production ? 'production' : 'test',
            formats: ['text/xml', 'application/json'],
          },
        ],
      },
    });
  }
}
