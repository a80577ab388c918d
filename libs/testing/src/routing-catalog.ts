import {
  Priority,
  type GetServiceCatalogReply,
  type GetServiceCatalogRequest,
  type ServiceAttributeView,
  type ServiceDefinitionState,
  type ServiceDefinitionView,
} from '@civitas/contracts';

/**
 * One of routing's service definitions as it publishes it (`service-definition-changed`, the
 * whole catalog): in the streets department, NORMAL priority, due in 72 h, with the attributes
 * given (none sent when not given, as an older routing would), active, version 1; `changes` on top.
 */
export function routingServiceDefinition(
  code: string,
  attributes?: ServiceAttributeView[],
  changes: Partial<ServiceDefinitionView> = {},
  state: Partial<Omit<ServiceDefinitionState, 'service'>> = {},
): ServiceDefinitionState {
  return {
    service: {
      code,
      name: code,
      departmentCode: 'streets',
      defaultPriority: Priority.NORMAL,
      targetHours: 72,
      ...(attributes ? { attributes } : {}),
      ...changes,
    },
    active: true,
    version: 1,
    ...state,
  };
}

/**
 * routing's answer to GetServiceCatalog, for tests that play routing when intake fills its copy
 * of the catalog (`peer(GetServiceCatalog, routingCatalog([...]))`, docs/adr/0069): each named
 * service as `routingServiceDefinition` makes it, with the attributes given (none sent when given
 * as a list), and `changes` per code on top (e.g. `{ 'welfare-check': { alwaysPrivate: true } }`).
 */
export function routingCatalog(
  services: readonly string[] | Readonly<Record<string, ServiceAttributeView[]>>,
  changes: Readonly<Record<string, Partial<ServiceDefinitionView>>> = {},
): (request: GetServiceCatalogRequest) => Promise<GetServiceCatalogReply> {
  const attributes: Record<string, ServiceAttributeView[] | undefined> = isList(services)
    ? Object.fromEntries(services.map((code) => [code, undefined]))
    : { ...services };
  const definitions = Object.keys(attributes)
    .sort()
    .map((code) => routingServiceDefinition(code, attributes[code], changes[code]));
  return async () => ({ services: definitions });
}

function isList(services: unknown): services is readonly string[] {
  return Array.isArray(services);
}
