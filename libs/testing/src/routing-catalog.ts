import {
  Priority,
  type GetServiceDefinitionReply,
  type GetServiceDefinitionRequest,
  type ServiceAttributeView,
} from '@civitas/contracts';

/**
 * routing's answer to GetServiceDefinition, for tests that play routing
 * (`peer(GetServiceDefinition, routingCatalog([...]))`): each named service in the streets
 * department, NORMAL priority, due in 72 h, with the attributes given (none sent when given as a
 * list, as an older routing would); any other code is not found, with the known codes.
 */
export function routingCatalog(
  services: readonly string[] | Readonly<Record<string, ServiceAttributeView[]>>,
): (request: GetServiceDefinitionRequest) => Promise<GetServiceDefinitionReply> {
  const attributes: Record<string, ServiceAttributeView[] | undefined> = isList(services)
    ? Object.fromEntries(services.map((code) => [code, undefined]))
    : { ...services };
  const knownCodes = Object.keys(attributes).sort();
  return async ({ serviceCode }) =>
    serviceCode in attributes
      ? {
          found: true,
          knownCodes: [],
          service: {
            code: serviceCode,
            name: serviceCode,
            departmentCode: 'streets',
            defaultPriority: Priority.NORMAL,
            targetHours: 72,
            ...(attributes[serviceCode] ? { attributes: attributes[serviceCode] } : {}),
          },
        }
      : { found: false, knownCodes };
}

function isList(services: unknown): services is readonly string[] {
  return Array.isArray(services);
}
