import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { PII_READER_ROLES, type Identity } from '@civitas/contracts';
import { CitizenObject } from '../../citizens/index.js';
import { statePurpose } from '../../privacy/index.js';
import { FindCitizensByContactUseCase } from '../use-cases/find-citizens-by-contact/find-citizens-by-contact.use-case.js';
import { FindCitizensByContactArgs } from './find-citizens-by-contact.args.js';

@Resolver(() => CitizenObject)
export class ContactLookupResolver {
  constructor(private readonly findByContact: FindCitizensByContactUseCase) {}

  @Roles(...PII_READER_ROLES)
  @Query(() => [CitizenObject], {
    description:
      'Staff: the residents with exactly this e-mail address or phone number (any format), e-mail matches first. Every match is audited.',
  })
  async findCitizensByContact(
    @Args() args: FindCitizensByContactArgs,
    @CurrentIdentity() identity: Identity,
    @Context('req') req: object,
  ): Promise<CitizenObject[]> {
    statePurpose(req, args.purpose);
    const found = await this.findByContact.execute({ ...args, identity });
    return found.map((c) => CitizenObject.from(c));
  }
}
