import { Field, ObjectType } from '@nestjs/graphql';
import { ContactPointKindValue } from '../../citizens/index.js';

@ObjectType('UnverifiedContactPoint', {
  description:
    'An e-mail or phone you added that counts only once you enter the code sent to it (verifyMyContactPoint): until then it does not identify you and gets no messages.',
})
export class UnverifiedContactPointObject {
  @Field(() => ContactPointKindValue)
  kind: ContactPointKindValue;

  @Field()
  value: string;

  @Field()
  addedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the last code sent stops working; null when it was entered wrongly too often (ask for a new one).',
  })
  codeExpiresAt: Date | null;
}

@ObjectType('LoginLinkCodeSent', {
  description: 'A code sent to the resident, for them to read out to you (linkLogin `code`).',
})
export class LoginLinkCodeSentObject {
  @Field(() => String, { description: 'EMAIL or SMS.' })
  channel: string;

  @Field({ description: 'Where it went, masked.' })
  sentTo: string;

  @Field()
  expiresAt: Date;
}
