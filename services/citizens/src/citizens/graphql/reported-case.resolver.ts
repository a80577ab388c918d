import {
  Context,
  Directive,
  Parent,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { CurrentIdentity, Public } from '@civitas/auth';
import type { Identity } from '@civitas/contracts';
import { RequestBatcher } from '@civitas/service-kit';
import { isUUID } from 'class-validator';
import { PiiAccessPolicy } from '../../privacy/index.js';
import type { CitizenEntity } from '../citizen.entity.js';
import { CitizenRepository } from '../citizen.repository.js';
import { CitizenObject } from './citizen.object.js';
import { ReportedCaseObject } from './reported-case.object.js';

/**
 * Extends Case with its reporter, for the staff who may read personal data only (docs/adr/0041):
 * to anyone else even `reporter { id }` would be a stable pseudonym grouping one resident's
 * reports, so they get null, as for an anonymous report. Cases sends `reporterId` to those staff
 * only; this is the same rule where the reference becomes a Citizen.
 */
@Resolver(() => ReportedCaseObject)
export class ReportedCaseResolver {
  /** A staff list of 1,000 cases asks for 1,000 reporters: one query per request. */
  private readonly reporters: RequestBatcher<CitizenEntity>;

  constructor(
    private readonly citizens: CitizenRepository,
    private readonly access: PiiAccessPolicy,
  ) {
    this.reporters = new RequestBatcher(
      async (ids) => new Map((await this.citizens.findByIds(ids)).map((c) => [c.id, c])),
    );
  }

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
    description:
      'Who reported it, for staff who may read personal data; null for an anonymous report and for everyone else.',
  })
  @Directive('@requires(fields: "reporterId")')
  async reporter(
    @Parent() reported: ReportedCaseObject,
    @CurrentIdentity() identity: Identity,
    @Context('req') request: object,
  ): Promise<CitizenObject | null> {
    if (!this.access.mayRead(identity) || !reported.reporterId || !isUUID(reported.reporterId)) {
      return null;
    }
    const found = await this.reporters.load(request, reported.reporterId);
    return found ? CitizenObject.from(found) : null;
  }
}
