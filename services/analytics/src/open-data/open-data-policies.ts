import { Injectable } from '@nestjs/common';
import { GetServiceDefinition, OpenDataLocation } from '@civitas/contracts';
import { BusClient, BusRequestError } from '@civitas/messaging';
import { UNKNOWN_SERVICE_POLICY, type OpenDataPolicy } from './open-data-columns.js';
import { OpenDataErrorCode, OpenDataException } from './open-data.exception.js';

/**
 * Each service's open-data policy, asked of routing's catalog every time a file is made, so a
 * changed policy applies to the next file (docs/adr/0057). Nothing is cached between files.
 */
@Injectable()
export class OpenDataPolicies {
  constructor(private readonly bus: BusClient) {}

  async of(serviceCodes: readonly string[]): Promise<Map<string, OpenDataPolicy>> {
    const answers = await Promise.all(
      serviceCodes.map(async (code) => [code, await this.policy(code)] as const),
    );
    return new Map(answers);
  }

  private async policy(serviceCode: string): Promise<OpenDataPolicy> {
    let reply;
    try {
      reply = await this.bus.request(GetServiceDefinition, { serviceCode });
    } catch (error) {
      if (
        error instanceof BusRequestError &&
        (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')
      ) {
        throw new OpenDataException(
          OpenDataErrorCode.CatalogUnavailable,
          'The service catalog is not answering, so no file can say what it may show; try again shortly',
        );
      }
      throw error;
    }
    if (!reply.found || !reply.service) {
      return UNKNOWN_SERVICE_POLICY(serviceCode);
    }
    return {
      serviceName: reply.service.name,
      location: reply.service.openDataLocation ?? OpenDataLocation.GRID,
      description: reply.service.openDataDescription ?? false,
    };
  }
}
