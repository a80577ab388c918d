import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { OpenDataLocation, Priority, SlaClock } from '@civitas/contracts';
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

  @Field(() => Int, {
    description: 'Service-level target: hours from opening to closure, counted in slaClock.',
  })
  slaHours: number;

  @Field(() => SlaClock, {
    description:
      "BUSINESS: slaHours count only the owning department's opening hours (its business calendar); CALENDAR: around the clock. A possible emergency is always due within 4 calendar hours.",
  })
  slaClock: SlaClock;

  @Field({ description: 'Whether time a case spends ON_HOLD stops its clock.' })
  pausesOnHold: boolean;

  @Field(() => Int, {
    description: 'The same number as slaHours.',
    deprecationReason: 'Use slaHours, read with slaClock.',
  })
  targetHours: number;

  @Field({ description: 'False when the service is no longer offered to residents.' })
  active: boolean;

  @Field({
    description:
      'Every request for it is private: never listed, never in Open311 lists or open data.',
  })
  alwaysPrivate: boolean;

  @Field(() => OpenDataLocation, { description: 'Where open data places its requests.' })
  openDataLocation: OpenDataLocation;

  @Field({ description: 'Whether open data publishes its (scrubbed) descriptions.' })
  openDataDescription: boolean;

  @Field(() => Int, {
    description:
      'A report this near (metres) an open request of the service opened within duplicateWindowDays is linked to it as a possible duplicate, and its reporter told it is already known; 0: never.',
  })
  duplicateRadiusMeters: number;

  @Field(() => Int, {
    description: 'How recently the open request must have been opened (days) to be offered.',
  })
  duplicateWindowDays: number;

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
      slaHours: entity.targetHours,
      slaClock: entity.slaClock,
      pausesOnHold: entity.pausesOnHold,
      targetHours: entity.targetHours,
      active: entity.active,
      alwaysPrivate: entity.alwaysPrivate,
      openDataLocation: entity.openDataLocation,
      openDataDescription: entity.openDataDescription,
      duplicateRadiusMeters: entity.duplicateRadiusMeters,
      duplicateWindowDays: entity.duplicateWindowDays,
      departmentCode: entity.departmentCode,
      preloadedAttributes: attributes,
    });
  }
}
