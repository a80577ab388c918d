import { Args, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@civitas/auth';
import { PII_READER_ROLES, assertPageSize } from '@civitas/contracts';
import { PersonalReadAudit } from '@civitas/messaging';
import { SubmissionObject } from '../../submissions/index.js';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { CitizenReference } from './citizen-reference.object.js';

/**
 * Extends Citizen with every contact they made (channel and time). Personal history: refused to
 * the same roles as the citizens subgraph's personal fields, and each read is in citizens' audit
 * log before anything is returned. The sealed payload never leaves here.
 */
@Resolver(() => CitizenReference)
export class CitizenSubmissionsResolver {
  constructor(
    private readonly repository: CitizenSubmissionsRepository,
    private readonly audit: PersonalReadAudit,
  ) {}

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): CitizenReference {
    return Object.assign(new CitizenReference(), { id: ref.id });
  }

  @Roles(...PII_READER_ROLES)
  @ResolveField(() => [SubmissionObject], {
    nullable: true,
    description:
      'Every contact from this resident on any channel, newest first (staff who may see personal data only).',
  })
  async submissions(
    @Parent() citizen: CitizenReference,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<SubmissionObject[]> {
    assertPageSize(first, 500);
    await this.audit.record(citizen.id, 'submissions');
    return (await this.repository.from(citizen.id, first)).map(SubmissionObject.from);
  }
}
