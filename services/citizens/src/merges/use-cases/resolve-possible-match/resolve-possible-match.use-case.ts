import { Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AdminChangeRecorder, UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenErrorCode, CitizenException } from '../../../citizens/index.js';
import { MergeCitizensUseCase } from '../merge-citizens/merge-citizens.use-case.js';
import { type PossibleMatchEntity, PossibleMatchRepository } from '../../../matching/index.js';

/** Staff's answer to a possible match: accept merges the new record into the known one; reject keeps two. */
@Injectable()
export class ResolvePossibleMatchUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly matches: PossibleMatchRepository,
    private readonly merge: MergeCitizensUseCase,
    private readonly adminChanges: AdminChangeRecorder,
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
      const match = await this.matches.lockById(tx, id);
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
        await this.matches.reject(tx, id, actor.sub ?? 'unknown', new Date());
      }
      // An accepted match is also in the log as the merge it made.
      await this.adminChanges.record(tx, {
        kind: 'POSSIBLE_MATCH',
        entityId: id,
        action: 'RESOLVED',
        changes: [
          {
            field: 'status',
            before: JSON.stringify('PENDING'),
            after: JSON.stringify(accept ? 'ACCEPTED' : 'REJECTED'),
          },
        ],
      });
      return this.matches.byId(tx, id);
    });
  }
}
