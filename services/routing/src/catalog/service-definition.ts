import type { ServiceDefinitionView } from '@civitas/contracts';
import type { ServiceAttributeEntity } from './service-attribute.entity.js';
import type { ServiceEntity } from './service.entity.js';

/**
 * A service as the bus carries it, whatever asks: intake's copy of the catalog (the changes and the
 * whole catalog, docs/adr/0069) and analytics' open-data policies (docs/adr/0057).
 */
export function serviceDefinitionOf(
  service: ServiceEntity,
  attributes: readonly ServiceAttributeEntity[],
): ServiceDefinitionView {
  return {
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
    attributes: attributes.map((a) => ({
      code: a.code,
      variable: a.variable,
      datatype: a.datatype,
      required: a.required,
      datatypeDescription: a.datatypeDescription,
      order: a.order,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}
