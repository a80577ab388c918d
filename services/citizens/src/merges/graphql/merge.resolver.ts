import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { MergeCitizensUseCase } from '../use-cases/merge-citizens/merge-citizens.use-case.js';
import { UnmergeCitizensUseCase } from '../use-cases/unmerge-citizens/unmerge-citizens.use-case.js';
import { CitizenMergeObject } from './citizen-merge.object.js';

@Resolver(() => CitizenMergeObject)
export class MergeResolver {
  constructor(
    private readonly merge: MergeCitizensUseCase,
    private readonly unmerge: UnmergeCitizensUseCase,
  ) {}

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => CitizenMergeObject, {
    description:
      'Fold one record into another: its contact points, links, cases and submissions follow. Audited; undo with unmergeCitizens.',
  })
  async mergeCitizens(
    @Args('survivorId', { type: () => ID }) survivorId: string,
    @Args('mergedId', { type: () => ID }) mergedId: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<CitizenMergeObject> {
    return CitizenMergeObject.from(
      await this.merge.execute({ survivorId, mergedId, reason, actor }),
    );
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => CitizenMergeObject, {
    description: 'Undo a merge: everything that moved goes back.',
  })
  async unmergeCitizens(
    @Args('mergeId', { type: () => ID }) mergeId: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<CitizenMergeObject> {
    return CitizenMergeObject.from(await this.unmerge.execute(mergeId, actor));
  }
}
