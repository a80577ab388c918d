import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CitizenKindValue, ContactPointObject } from '../../citizens/index.js';
import { ConsentObject } from '../../consents/index.js';
import { UnverifiedContactPointObject } from '../../contact-verification/index.js';

@ObjectType('ResidentProfile', {
  description: 'The signed-in resident’s own profile (every read is audited as a self-access).',
})
export class ResidentProfileObject {
  @Field(() => ID)
  id: string;

  @Field(() => CitizenKindValue)
  kind: CitizenKindValue;

  @Field(() => String, { nullable: true })
  firstName: string | null;

  @Field(() => String, { nullable: true })
  lastName: string | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => String, { nullable: true, description: 'The primary e-mail.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'The primary phone.' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 tag, e.g. en or es.' })
  preferredLanguage: string | null;

  @Field(() => [ContactPointObject], {
    description:
      'The contact points that identify you and that messages go to: given when reporting, or proved with a code.',
  })
  contactPoints: ContactPointObject[];

  @Field(() => [UnverifiedContactPointObject], {
    description:
      'E-mails and phones you added that wait for their code (verifyMyContactPoint); they count for nothing until then.',
  })
  unverifiedContactPoints: UnverifiedContactPointObject[];

  @Field(() => [ConsentObject], {
    description:
      'Your answer per channel and purpose, as messages to you follow it: recorded, or updates about your reports given by reporting (source REPORTING) until you say no. Anything absent means no.',
  })
  consents: ConsentObject[];
}

@ObjectType('Erasure', { description: "A resident's personal data removed." })
export class ErasureObject {
  @Field(() => ID)
  citizenId: string;

  @Field()
  erasedAt: Date;
}
