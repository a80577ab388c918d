import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CaseStatus } from '@civitas/contracts';
import type { PublicUpdate } from '../service-request.repository.js';

@ObjectType('CaseAttribute', {
  description: "An answer to one of the service's questions (Open311 attribute).",
})
export class CaseAttributeObject {
  @Field()
  code: string;

  @Field(() => [String], { description: 'One value; several for a multivaluelist.' })
  values: string[];

  static listFrom(
    attributes: Record<string, string | string[]> | null | undefined,
  ): CaseAttributeObject[] {
    return Object.entries(attributes ?? {}).map(([code, value]) =>
      Object.assign(new CaseAttributeObject(), {
        code,
        values: (Array.isArray(value) ? value : [value]).map(String),
      }),
    );
  }
}

@ObjectType('ServiceRequestUpdate', {
  description: 'A public timeline entry of a request (Open311 service request update).',
})
export class ServiceRequestUpdateObject {
  @Field(() => ID)
  id: string;

  @Field()
  ticketNumber: string;

  @Field()
  at: Date;

  @Field({ description: 'OPENED, ROUTED, STATUS_CHANGED or NOTE.' })
  kind: string;

  @Field()
  summary: string;

  @Field(() => CaseStatus, {
    description: "The request's status once this update was made (not necessarily now).",
  })
  status: CaseStatus;

  static from(update: PublicUpdate): ServiceRequestUpdateObject {
    return Object.assign(new ServiceRequestUpdateObject(), {
      id: update.entry.id,
      ticketNumber: update.ticketNumber,
      at: update.entry.at,
      kind: update.entry.kind,
      summary: update.entry.summary,
      status: update.entry.caseStatus,
    });
  }
}
