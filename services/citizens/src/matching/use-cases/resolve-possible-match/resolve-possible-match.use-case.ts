import { Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenErrorCode, CitizenException } from '../../../citizens/citizen.exception.js';
import { MergeCitizensUseCase } from '../../../merges/use-cases/merge-citizens/merge-citizens.use-case.js';
import { PossibleMatchEntity } from '../../possible-match.entity.js';

/** Staff's answer to a possible match: accept merges the new record into the known one; reject keeps two. */
@Injectable()
export class ResolvePossibleMatchUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly merge: MergeCitizensUseCase,
  ) {}

  execute(
    id: string,
    accept: boolean,
    reason: string | undefined,
    actor: Identity,
  ): Promise<PossibleMatchEntity> {
    if (!isUUID(id)) {
      throw CitizenException.invalid('id', 'must be a UUID');
    }
    return this.uow.run(async (tx) => {
      const match = await tx.manager
        .createQueryBuilder(PossibleMatchEntity, 'p')
        .setLock('pessimistic_write')
        .where({ id })
        .getOne();
      if (!match) {
        throw new CitizenException(
          CitizenErrorCode.PossibleMatchNotFound,
          `No possible match ${id}`,
          [{ field: 'id', reason: 'no such possible match' }],
        );
      }
      if (match.status !== 'PENDING') {
        throw new CitizenException(
          CitizenErrorCode.PossibleMatchResolved,
          `Possible match ${id} is already ${match.status}`,
          [{ field: 'id', reason: `already ${match.status}` }],
        );
      }
      if (accept) {
        // The known record survives: it is the one other services have history under.
        await this.merge.within(tx, {
          survivorId: match.candidateId,
          mergedId: match.citizenId,
          reason: reason?.trim() || 'possible match accepted',
          actor,
        });
      } else {
        await tx.manager.update(
          PossibleMatchEntity,
          { id },
          { status: 'REJECTED', resolvedAt: new Date(), resolvedBy: actor.sub ?? 'unknown' },
        );
      }
      return (await tx.manager.findOneBy(PossibleMatchEntity, { id }))!;
    });
  }
}
