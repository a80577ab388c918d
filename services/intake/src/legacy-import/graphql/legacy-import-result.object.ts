import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LegacyRecordOutcome')
export class LegacyRecordOutcomeObject {
  @Field()
  sourceId: string;

  @Field({ description: 'The Civitas ticket number, new or from an earlier import.' })
  ticketNumber: string;

  @Field({ description: 'False when the record had been imported before.' })
  imported: boolean;
}

@ObjectType('LegacyRecordRejection')
export class LegacyRecordRejectionObject {
  @Field(() => Int, { nullable: true })
  rowNumber: number | null;

  @Field()
  sourceId: string;

  @Field()
  field: string;

  @Field()
  reason: string;
}

@ObjectType('LegacyImportResult', { description: 'What one batch of history did.' })
export class LegacyImportResultObject {
  @Field(() => Int)
  imported: number;

  @Field(() => Int)
  alreadyThere: number;

  @Field(() => [LegacyRecordRejectionObject])
  rejected: LegacyRecordRejectionObject[];

  @Field(() => [LegacyRecordOutcomeObject])
  records: LegacyRecordOutcomeObject[];
}
