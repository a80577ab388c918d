import { Injectable } from '@nestjs/common';
import {
  GetServiceDefinition,
  type GetServiceDefinitionReply,
  type GetServiceDefinitionRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CatalogRepository } from '../catalog.repository.js';
import { serviceDefinitionOf } from '../service-definition.js';

/**
 * Analytics asks for each service's open-data policy when it writes an open-data file (intake
 * keeps its own copy of the catalog: docs/adr/0069).
 */
@Injectable()
@OnRequest(GetServiceDefinition)
export class GetServiceDefinitionHandler implements RequestHandler<
  GetServiceDefinitionRequest,
  GetServiceDefinitionReply
> {
  constructor(private readonly catalog: CatalogRepository) {}

  async handle(request: GetServiceDefinitionRequest): Promise<GetServiceDefinitionReply> {
    const service = await this.catalog.service(request.serviceCode);
    if (!service || !service.active) {
      return { found: false, knownCodes: await this.catalog.activeServiceCodes() };
    }
    return {
      found: true,
      knownCodes: [],
      service: serviceDefinitionOf(service, await this.catalog.attributes(service.code)),
    };
  }
}
