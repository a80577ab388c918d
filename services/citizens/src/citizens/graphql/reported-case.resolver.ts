import { Directive, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { isUUID } from 'class-validator';
import { CitizenRepository } from '../citizen.repository.js';
import { CitizenObject } from './citizen.object.js';
import { ReportedCaseObject } from './reported-case.object.js';

/**
 * Extends Case with its reporter. Public like the case's tracking fields: an anonymous resident
 * following a ticket may see `reporter { id }`; the personal fields keep their own checks.
 */
@Resolver(() => ReportedCaseObject)
export class ReportedCaseResolver {
  constructor(private readonly citizens: CitizenRepository) {}

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string; reporterId?: string | null }): ReportedCaseObject {
    return Object.assign(new ReportedCaseObject(), {
      id: ref.id,
      reporterId: ref.reporterId ?? null,
    });
  }

  @Public()
  @ResolveField(() => CitizenObject, {
    nullable: true,
    description: 'Null for an anonymous report.',
  })
  @Directive('@requires(fields: "reporterId")')
  async reporter(@Parent() reported: ReportedCaseObject): Promise<CitizenObject | null> {
    if (!reported.reporterId || !isUUID(reported.reporterId)) {
      return null;
    }
    const found = await this.citizens.findById(reported.reporterId);
    return found ? CitizenObject.from(found) : null;
  }
}
