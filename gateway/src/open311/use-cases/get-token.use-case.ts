import { Injectable } from '@nestjs/common';
import { Open311Error } from '../errors/open311.error.js';
import { truncate } from '../form/form-fields.js';
import { Open311Graph } from '../graph/open311-graph.js';
import { REQUEST_TOKEN } from '../graph/operations.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';

@Injectable()
export class GetTokenUseCase {
  constructor(private readonly graph: Open311Graph) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const found =
      call.id.length <= 100
        ? (
            await this.graph.run<{ requestToken: { token: string; ticketNumber: string } | null }>(
              REQUEST_TOKEN,
              { token: call.id },
              call.context,
            )
          ).requestToken
        : null;
    if (!found) {
      throw Open311Error.notFound(`No request with token "${truncate(call.id)}"`);
    }
    return {
      root: 'service_requests',
      body: [{ service_request_id: found.ticketNumber, token: found.token }],
    };
  }
}
