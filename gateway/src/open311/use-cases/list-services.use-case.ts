import { Injectable } from '@nestjs/common';
import { Open311Error } from '../errors/open311.error.js';
import { CatalogReader, type CatalogService } from '../graph/catalog.reader.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';

const SERVICE_TYPES = new Set(['realtime', 'batch', 'blackbox']);

@Injectable()
export class ListServicesUseCase {
  constructor(private readonly catalog: CatalogReader) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const services = await this.catalog.services(call.context);
    return { root: 'services', body: services.map(toOpen311Service) };
  }
}

export function toOpen311Service(service: CatalogService): Record<string, unknown> {
  const type = service.type?.toLowerCase();
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description ?? null,
    metadata: (service.attributes?.length ?? 0) > 0,
    type: SERVICE_TYPES.has(type) ? type : 'realtime',
    keywords: service.keywords?.length ? service.keywords.join(',') : null,
    group: service.group || null,
  };
}

@Injectable()
export class GetServiceDefinitionUseCase {
  constructor(private readonly catalog: CatalogReader) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const found =
      call.id.length <= 100 ? await this.catalog.definition(call.id, call.context) : null;
    if (!found) {
      throw Open311Error.notFound(`No service with service_code "${call.id.slice(0, 100)}"`);
    }
    return {
      root: 'service_definition',
      body: {
        service_code: found.code,
        attributes: [...found.attributes]
          .sort(
            (a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER),
          )
          .map((a) => ({
            variable: a.variable,
            code: a.code,
            datatype: a.datatype.toLowerCase(),
            required: a.required,
            datatype_description: a.datatypeDescription ?? null,
            order: a.order ?? null,
            description: a.description ?? null,
            values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
          })),
      },
    };
  }
}
