import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { PII_READER_ROLES, Role, type Identity, assertPageSize } from '@civitas/contracts';
import { DataSource } from 'typeorm';
import { CitizenObject, CitizenRepository } from '../../citizens/index.js';
import { PossibleMatchEntity } from '../../matching/index.js';
import { ResolvePossibleMatchUseCase } from '../use-cases/resolve-possible-match/resolve-possible-match.use-case.js';
import { PossibleMatchObject, PossibleMatchStatusValue } from './possible-match.object.js';

@Resolver(() => PossibleMatchObject)
export class PossibleMatchResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: CitizenRepository,
    private readonly resolveMatch: ResolvePossibleMatchUseCase,
  ) {}

  @Roles(...PII_READER_ROLES)
  @Query(() => [PossibleMatchObject], {
    description: 'Residents who may be the same person, oldest first, for staff review.',
  })
  async possibleMatches(
    @Args('status', {
      type: () => PossibleMatchStatusValue,
      defaultValue: PossibleMatchStatusValue.PENDING,
    })
    status: PossibleMatchStatusValue,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<PossibleMatchObject[]> {
    assertPageSize(first, 500);
    const rows = await this.dataSource.manager.find(PossibleMatchEntity, {
      where: { status },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: first,
    });
    return this.toObjects(rows);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => PossibleMatchObject, {
    description:
      'Accept (the new record is merged into the known one) or reject (they stay two) a possible match.',
  })
  async resolvePossibleMatch(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept', { type: () => Boolean }) accept: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason: string | undefined,
    @CurrentIdentity() actor: Identity,
  ): Promise<PossibleMatchObject> {
    const [object] = await this.toObjects([
      await this.resolveMatch.execute(id, accept, reason, actor),
    ]);
    return object;
  }

  private async toObjects(rows: PossibleMatchEntity[]): Promise<PossibleMatchObject[]> {
    const ids = [...new Set(rows.flatMap((r) => [r.citizenId, r.candidateId]))];
    const byId = new Map(
      (await this.citizens.findByIds(ids)).map((c) => [c.id, CitizenObject.from(c)]),
    );
    return rows
      .filter((r) => byId.has(r.citizenId) && byId.has(r.candidateId))
      .map((r) => PossibleMatchObject.from(r, byId.get(r.citizenId)!, byId.get(r.candidateId)!));
  }
}
