import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@civitas/auth';
import { PII_READER_ROLES } from '@civitas/contracts';
import { RequestBatcher } from '@civitas/service-kit';
import { CaseObject } from '../../cases/index.js';
import type { SatisfactionAnswerEntity } from '../satisfaction-answer.entity.js';
import { SatisfactionRepository } from '../satisfaction.repository.js';
import { SubmitSatisfactionUseCase } from '../use-cases/submit-satisfaction/submit-satisfaction.use-case.js';
import { CaseSatisfactionObject, SatisfactionReceiptObject } from './satisfaction.object.js';
import { SubmitSatisfactionInput } from './submit-satisfaction.input.js';

/** The closure survey (docs/adr/0060): anyone holding a link answers; staff read the answer. */
@Resolver(() => CaseObject)
export class SatisfactionResolver {
  /** A staff list of cases asks for each one's answer: one query per request. */
  private readonly latestAnswers: RequestBatcher<SatisfactionAnswerEntity>;

  constructor(
    private readonly submit: SubmitSatisfactionUseCase,
    private readonly answers: SatisfactionRepository,
  ) {
    this.latestAnswers = new RequestBatcher((ids) => this.answers.latestFor(ids));
  }

  /** Public: the signed, single-use link is the caller's only credential. */
  @Public()
  @Mutation(() => SatisfactionReceiptObject, {
    description:
      "Answers the one-question survey of a closure notice with the link's token. Each link answers once, before it expires.",
  })
  async submitSatisfaction(
    @Args('input') input: SubmitSatisfactionInput,
  ): Promise<SatisfactionReceiptObject> {
    const recorded = await this.submit.execute({
      token: input.token,
      score: input.score,
      comment: input.comment?.trim() || null,
    });
    return SatisfactionReceiptObject.from(recorded);
  }

  /** The comment is the resident's own words: for the staff who may read personal data. */
  @Roles(...PII_READER_ROLES)
  @ResolveField(() => CaseSatisfactionObject, {
    nullable: true,
    description:
      "The reporter's answer to the closure survey (the latest); null if none. Staff only.",
  })
  async satisfaction(
    @Parent() found: CaseObject,
    @Context('req') request: object,
  ): Promise<CaseSatisfactionObject | null> {
    const answer = await this.latestAnswers.load(request, found.id);
    return answer ? CaseSatisfactionObject.from(answer) : null;
  }
}
