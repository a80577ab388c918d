import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import type { SubmissionEntity } from '../submission.entity.js';

@ObjectType('SubmissionReceipt', { description: 'What a resident gets back at once.' })
export class SubmissionReceiptObject {
  @Field()
  ticketNumber: string;

  @Field(() => ID)
  submissionId: string;

  @Field(() => String, {
    nullable: true,
    description: 'A notice to show the person, e.g. to call 911.',
  })
  serviceNotice: string | null;

  @Field()
  emergency: boolean;
}

@ObjectType('Submission', { description: 'A contact as received on one channel.' })
@Directive('@key(fields: "id")')
export class SubmissionObject {
  @Field(() => ID)
  id: string;

  @Field()
  ticketNumber: string;

  @Field(() => Channel)
  channel: Channel;

  @Field()
  serviceCode: string;

  @Field()
  emergency: boolean;

  @Field()
  receivedAt: Date;

  static from(entity: SubmissionEntity): SubmissionObject {
    return Object.assign(new SubmissionObject(), {
      id: entity.id,
      ticketNumber: entity.ticketNumber,
      channel: entity.channel,
      serviceCode: entity.serviceCode,
      emergency: entity.emergency,
      receivedAt: entity.receivedAt,
    });
  }
}
