import { Injectable } from '@nestjs/common';
import {
  GetServiceCatalog,
  type GetServiceCatalogReply,
  type GetServiceCatalogRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CatalogRepository } from '../catalog.repository.js';

/**
 * Intake fills its empty copy of the catalog (a new intake, or a catalog older than the stream's
 * 30 days); it keeps it from `service-definition-changed` after that (docs/adr/0069).
 */
@Injectable()
@OnRequest(GetServiceCatalog)
export class GetServiceCatalogHandler implements RequestHandler<
  GetServiceCatalogRequest,
  GetServiceCatalogReply
> {
  constructor(private readonly catalog: CatalogRepository) {}

  async handle(request: GetServiceCatalogRequest): Promise<GetServiceCatalogReply> {
    return {
      services: await this.catalog.definitionStates({ includeRetired: request.includeRetired }),
    };
  }
}
