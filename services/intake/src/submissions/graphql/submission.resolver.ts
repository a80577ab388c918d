import { Args, ID, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { PII_READER_ROLES, type Identity } from '@civitas/contracts';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { SubmissionRepository } from '../submission.repository.js';
import { SubmitServiceRequestUseCase } from '../use-cases/submit-service-request/submit-service-request.use-case.js';
import { SubmissionObject, SubmissionReceiptObject } from './submission.object.js';
import { SubmitServiceRequestInput } from './submit-service-request.input.js';

@Resolver(() => SubmissionObject)
export class SubmissionResolver {
  constructor(
    private readonly submit: SubmitServiceRequestUseCase,
    private readonly submissions: SubmissionRepository,
  ) {}

  @Public()
  @Mutation(() => SubmissionReceiptObject, {
    description: 'Report a problem or ask for a service; answers the ticket number at once.',
  })
  submitServiceRequest(
    @Args('input') input: SubmitServiceRequestInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<SubmissionReceiptObject> {
    // Answers stay lists here: only the catalog's datatype says whether one value is a list of one.
    return this.submit.execute(input, { via: 'graphql', identity });
  }

  @Roles(...PII_READER_ROLES)
  @Query(() => SubmissionObject, { nullable: true })
  async submission(@Args('id', { type: () => ID }) id: string): Promise<SubmissionObject | null> {
    const found = await this.submissions.byId(id);
    return found ? SubmissionObject.from(found) : null;
  }

  @Roles(...PII_READER_ROLES)
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<SubmissionObject | null> {
    const found = await this.submissions.byId(ref.id);
    return found ? SubmissionObject.from(found) : null;
  }
}
