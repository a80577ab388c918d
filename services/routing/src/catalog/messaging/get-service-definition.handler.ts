import { Injectable } from '@nestjs/common';
import {
  GetServiceDefinition,
  type GetServiceDefinitionReply,
  type GetServiceDefinitionRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CatalogRepository } from '../catalog.repository.js';

/**
 * Intake asks whether a service code exists (and what it is) before accepting a submission;
 * analytics asks for each service's open-data policy when it writes an open-data file.
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
      service: {
        code: service.code,
        name: service.name,
        departmentCode: service.departmentCode,
        defaultPriority: service.defaultPriority,
        targetHours: service.targetHours,
        alwaysPrivate: service.alwaysPrivate,
        openDataLocation: service.openDataLocation,
        openDataDescription: service.openDataDescription,
        duplicateSearch: {
          radiusMeters: service.duplicateRadiusMeters,
          windowDays: service.duplicateWindowDays,
        },
        attributes: (await this.catalog.attributes(service.code)).map((a) => ({
          code: a.code,
          variable: a.variable,
          datatype: a.datatype,
          required: a.required,
          datatypeDescription: a.datatypeDescription,
          order: a.order,
          description: a.description,
          values: a.values.map((v) => ({ key: v.key, name: v.name })),
        })),
      },
    };
  }
}
