import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { Priority } from '@civitas/contracts';
import type { ServiceAttributeEntity } from '../service-attribute.entity.js';
import type { ServiceEntity } from '../service.entity.js';

@ObjectType('Service', {
  description: 'A type of request residents can make (an Open311 service).',
})
@Directive('@key(fields: "code")')
export class ServiceObject {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field()
  group: string;

  @Field(() => [String])
  keywords: string[];

  @Field({ description: 'Open311 type: realtime, batch or blackbox.' })
  type: string;

  @Field(() => Priority)
  defaultPriority: Priority;

  @Field(() => Int, { description: 'Service-level target, in hours from opening to closure.' })
  targetHours: number;

  @Field({ description: 'False when the service is no longer offered to residents.' })
  active: boolean;

  departmentCode: string;

  /** Attributes loaded with a list of services, so each one does not load its own. */
  preloadedAttributes?: ServiceAttributeEntity[];

  static from(entity: ServiceEntity, attributes?: ServiceAttributeEntity[]): ServiceObject {
    return Object.assign(new ServiceObject(), {
      code: entity.code,
      name: entity.name,
      description: entity.description,
      group: entity.group,
      keywords: entity.keywords,
      type: entity.type,
      defaultPriority: entity.defaultPriority,
      targetHours: entity.targetHours,
      active: entity.active,
      departmentCode: entity.departmentCode,
      preloadedAttributes: attributes,
    });
  }
}
