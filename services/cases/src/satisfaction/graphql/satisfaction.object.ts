import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { RecordedSatisfaction } from '../use-cases/submit-satisfaction/submit-satisfaction.use-case.js';
import type { SatisfactionAnswerEntity } from '../satisfaction-answer.entity.js';

@ObjectType('CaseSatisfaction', {
  description: "The reporter's answer to the closure notice's survey (the latest, if several).",
})
export class CaseSatisfactionObject {
  @Field(() => Int, { description: '1 (not satisfied at all) to 5 (very satisfied).' })
  score: number;

  @Field(() => String, { nullable: true, description: 'In their words, if they wrote any.' })
  comment: string | null;

  @Field({ description: 'When they answered.' })
  at: Date;

  static from(answer: SatisfactionAnswerEntity): CaseSatisfactionObject {
    return Object.assign(new CaseSatisfactionObject(), {
      score: answer.score,
      comment: answer.comment,
      at: answer.answeredAt,
    });
  }
}

@ObjectType('SatisfactionReceipt', { description: 'The survey answer was recorded.' })
export class SatisfactionReceiptObject {
  @Field({ description: 'The request the answer is about.' })
  ticketNumber: string;

  @Field(() => Int)
  score: number;

  @Field()
  at: Date;

  static from(recorded: RecordedSatisfaction): SatisfactionReceiptObject {
    return Object.assign(new SatisfactionReceiptObject(), {
      ticketNumber: recorded.ticketNumber,
      score: recorded.score,
      at: recorded.answeredAt,
    });
  }
}
