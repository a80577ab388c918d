import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { NotificationDeliveryEntity } from '../notification-delivery.entity.js';

@ObjectType('NotificationDelivery', {
  description:
    "One message telling a case's reporter what happened, or a department that the case is overdue; no address is shown.",
})
export class NotificationDeliveryObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The resident told; null for a message to a department's escalation mailbox.",
  })
  citizenId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The department whose escalation mailbox was told of its overdue case (CASE_OVERDUE); null for a message to a resident. The address is not shown.',
  })
  departmentCode: string | null;

  @Field({ description: 'EMAIL or SMS.' })
  channel: string;

  @Field({
    description:
      'CASE_RECEIVED, CASE_ROUTED, STATUS_CHANGED, PUBLIC_NOTE, CASE_CLOSED, or for a report joined to another as its duplicate FOLLOWED_STATUS_CHANGED or FOLLOWED_CASE_CLOSED; CASE_OVERDUE to a department.',
  })
  template: string;

  @Field({ description: 'The language it was written in (en, es).' })
  language: string;

  @Field({ description: 'QUEUED, SENT, FAILED or SKIPPED.' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed or why it was skipped.',
  })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (QUEUED).' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  static from(entity: NotificationDeliveryEntity): NotificationDeliveryObject {
    return Object.assign(new NotificationDeliveryObject(), {
      id: entity.id,
      caseId: entity.caseId,
      citizenId: entity.citizenId,
      departmentCode: entity.mailbox !== null ? (entity.params.departmentCode ?? null) : null,
      channel: entity.channel,
      template: entity.template,
      language: entity.language,
      status: entity.status,
      attempts: entity.attempts,
      lastError: entity.lastError,
      nextAttemptAt: entity.nextAttemptAt,
      sentAt: entity.sentAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}
