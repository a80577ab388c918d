import { Directive, Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { CaseStatus, Channel, Priority, SlaClock } from '@civitas/contracts';
import type { CaseEntity } from '../case.entity.js';
import { duplicateParentId } from '../duplicate-link.js';

/** Routing owns services; cases only points at one by code. */
@ObjectType('Service')
@Directive('@key(fields: "code", resolvable: false)')
export class ServiceReference {
  @Field()
  code: string;
}

@ObjectType('CaseLocation')
export class CaseLocationObject {
  @Field(() => Float, { nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  longitude: number | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The place's id in the jurisdiction's address repository (Open311 address_id).",
  })
  addressId: string | null;
}

@ObjectType('Case', { description: 'A request worked to closure, found by its ticket number.' })
@Directive('@key(fields: "id")')
export class CaseObject {
  @Field(() => ID)
  id: string;

  @Field()
  ticketNumber: string;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field(() => Priority, { nullable: true, description: 'Null until the case is routed.' })
  priority: Priority | null;

  @Field(() => Date, { nullable: true, description: 'When the service-level target falls due.' })
  dueAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => Channel)
  channel: Channel;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'A photo or video of the problem.' })
  mediaUrl: string | null;

  @Field({ description: 'Flagged as a possible emergency when submitted.' })
  emergency: boolean;

  @Field({
    description:
      'Kept private (the reporter asked, or the service is always private): only staff who serve residents see the case; others holding the ticket get its status alone (`ticketStatus`).',
  })
  private: boolean;

  @Field(() => CaseLocationObject)
  location: CaseLocationObject;

  @Field(() => ServiceReference)
  service: ServiceReference;

  @Field(() => String, {
    nullable: true,
    description:
      'The ward, borough or council district the legacy system recorded (imported history that has one); otherwise the code of the district routing placed the case in from its coordinates (see `districts`). Null until routed, without coordinates, or outside every district.',
  })
  district: string | null;

  /**
   * Who reported it. The GraphQL field `reporterId` (for the citizens subgraph, which resolves
   * `reporter` from it; hidden from clients) is resolved by CaseResolver, for staff only.
   */
  reporterId: string | null;

  departmentCode: string | null;

  /** The target routing gave it (null until routed); `sla` reads them with the time of the query. */
  slaClock: SlaClock | null;
  slaHours: number | null;
  atRiskAt: Date | null;
  /** Paused on hold since then, with that many minutes of its clock left (docs/adr/0068). */
  slaHeldSince: Date | null;
  slaHeldMinutes: number | null;

  /** Who works it (docs/adr/0059); `assignee` resolves it, for staff only. */
  assigneeSubject: string | null;
  /** Their name when the read that found the case loaded it (a worklist page). */
  preloadedAssigneeName?: string;

  /** The parent's id while this case is a duplicate (closed as one); `duplicateOf` resolves it. */
  duplicateOfCaseId: string | null;

  /** The case it was split from (docs/adr/0062); `parent` resolves it. */
  parentCaseId: string | null;
  /** The case it may duplicate (docs/adr/0063); `possibleDuplicateOf` resolves it, for staff. */
  possibleDuplicateOfCaseId: string | null;

  /** Whether it was split into parts: `children` reads them only then. */
  wasSplit: boolean;

  static from(entity: CaseEntity): CaseObject {
    return Object.assign(new CaseObject(), {
      id: entity.id,
      ticketNumber: entity.ticketNumber,
      status: entity.status,
      priority: entity.priority,
      dueAt: entity.dueAt,
      createdAt: entity.openedAt,
      updatedAt: entity.updatedAt,
      closedAt: entity.closedAt,
      channel: entity.channel,
      description: entity.description,
      emergency: entity.emergency,
      private: entity.private,
      mediaUrl: entity.mediaUrl,
      location: {
        latitude: entity.latitude,
        longitude: entity.longitude,
        address: entity.address,
        addressId: entity.addressId,
      },
      service: { code: entity.serviceCode },
      reporterId: entity.reporterId,
      departmentCode: entity.departmentCode,
      slaClock: entity.slaClock,
      slaHours: entity.slaHours,
      atRiskAt: entity.atRiskAt,
      slaHeldSince: entity.slaHeldSince,
      slaHeldMinutes: entity.slaHeldMinutes,
      assigneeSubject: entity.assigneeSubject,
      duplicateOfCaseId: duplicateParentId(entity),
      parentCaseId: entity.parentCaseId,
      possibleDuplicateOfCaseId: entity.possibleDuplicateOfCaseId,
      wasSplit: entity.splitParts !== null,
      district: districtOf(entity),
    });
  }
}

@ObjectType('TicketStatus', {
  description:
    'Where a request stands, for whoever holds its ticket number: the one answer about a private case that anyone may have.',
})
export class TicketStatusObject {
  @Field()
  ticketNumber: string;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field({ description: 'True when the request is private: its details are for staff only.' })
  private: boolean;

  static from(entity: CaseEntity): TicketStatusObject {
    return Object.assign(new TicketStatusObject(), {
      ticketNumber: entity.ticketNumber,
      status: entity.status,
      private: entity.private,
    });
  }
}

/**
 * What the source system said wins: imported history keeps the legacy district in
 * `attributes.district` (intake's legacy import). Otherwise the district routing placed the case
 * in, by code: cases holds no district names, and a code never changes while a name may.
 */
function districtOf(entity: CaseEntity): string | null {
  const legacy = entity.channel === Channel.LEGACY_IMPORT ? entity.attributes?.district : null;
  return typeof legacy === 'string' && legacy.trim() ? legacy : entity.districtCode;
}
