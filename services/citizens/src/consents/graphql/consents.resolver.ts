import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { PII_READER_ROLES, Role, type Identity } from '@civitas/contracts';
import { CitizenObject, PII_DESCRIPTION } from '../../citizens/index.js';
import { PiiAccessPolicy } from '../../privacy/index.js';
import { ConsentPolicy } from '../consent.policy.js';
import { ConsentRepository } from '../consent.repository.js';
import { SetConsentUseCase } from '../use-cases/set-consent/set-consent.use-case.js';
import { ConsentChangeObject, ConsentObject } from './consent.object.js';
import { SetConsentInput } from './set-consent.input.js';

/**
 * A resident's consents on the Citizen. Personal data like the other fields: the access policy
 * decides and audits each read (hence `@Public()` for the guard).
 */
@Resolver(() => CitizenObject)
export class ConsentsResolver {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly policy: ConsentPolicy,
    private readonly access: PiiAccessPolicy,
    private readonly setConsentUseCase: SetConsentUseCase,
  ) {}

  @Public()
  @ResolveField('consents', () => [ConsentObject], {
    nullable: true,
    description: `The answer per channel and purpose that messages to the resident follow: recorded, or updates about their reports given by reporting (source REPORTING); anything absent means no. ${PII_DESCRIPTION}`,
  })
  async consentsOf(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ): Promise<ConsentObject[]> {
    await this.access.authorise(req, who, c.id, 'consents');
    return (await this.policy.answersOf(c.id)).map(ConsentObject.from);
  }

  @Public()
  @ResolveField('consentHistory', () => [ConsentChangeObject], {
    nullable: true,
    description: `Every consent given or withdrawn, oldest first. ${PII_DESCRIPTION}`,
  })
  async consentHistory(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ): Promise<ConsentChangeObject[]> {
    await this.access.authorise(req, who, c.id, 'consents');
    return (await this.consents.history(c.id)).map(ConsentChangeObject.from);
  }

  @Roles(...PII_READER_ROLES, Role.Resident)
  @Mutation(() => ConsentObject, {
    description:
      'Give or withdraw consent for a channel and purpose: staff for a resident (saying how they were told), or a signed-in resident for themself.',
  })
  setConsent(
    @Args('input') input: SetConsentInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<ConsentObject> {
    return this.setConsentUseCase.execute({ ...input, actor }).then(ConsentObject.from);
  }
}
