import { Args, ID, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { PII_READER_ROLES } from '@civitas/contracts';
import { Public, Roles } from '@civitas/auth';
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
  submitServiceRequest(@Args('input') input: SubmitServiceRequestInput): Promise<SubmissionReceiptObject> {
    const { attributes, ...rest } = input;
    return this.submit.execute({
      ...rest,
      attributes: attributes ? Object.fromEntries(attributes.map((a) => [a.code, a.values.length === 1 ? a.values[0] : a.values])) : undefined,
    });
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
