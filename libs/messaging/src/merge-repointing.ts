import { Logger } from '@nestjs/common';
import type { CitizensMergedV1, CitizensUnmergedV1 } from '@civitas/contracts';
import type { EventContext, EventHandler } from './decorators.js';
import type { Transaction } from './unit-of-work.js';

/**
 * How a service keeps its records of residents (cases, submissions) on the right resident when
 * citizens merges two and when it undoes the merge (docs/adr/0015).
 */
export interface MergeRepointing {
  /** Moves every record of `fromId` to `toId`, remembering each under the merge; answers how many. */
  repoint(tx: Transaction, mergeId: string, fromId: string, toId: string): Promise<number>;
  /** Puts back what the merge moved; answers how many. */
  restore(tx: Transaction, mergeId: string): Promise<number>;
}

/**
 * A merge moves the merged resident's records to the survivor. A service's handler extends this
 * with its consumer (`@OnEvent`) and its `MergeRepointing`; `records` names them in the log.
 */
export abstract class RepointMergedHandler implements EventHandler<CitizensMergedV1> {
  private readonly logger = new Logger(this.constructor.name);

  protected constructor(
    private readonly repointing: MergeRepointing,
    private readonly records: string,
  ) {}

  async handle(payload: CitizensMergedV1, { tx }: EventContext<CitizensMergedV1>): Promise<void> {
    const { mergeId, mergedId, survivorId } = payload;
    const moved = await this.repointing.repoint(tx, mergeId, mergedId, survivorId);
    this.logger.log({ msg: `${this.records} re-pointed after merge`, mergeId, moved });
  }
}

/** An unmerge gives the merged resident their records back (see `RepointMergedHandler`). */
export abstract class RestoreUnmergedHandler implements EventHandler<CitizensUnmergedV1> {
  private readonly logger = new Logger(this.constructor.name);

  protected constructor(
    private readonly repointing: MergeRepointing,
    private readonly records: string,
  ) {}

  async handle(
    payload: CitizensUnmergedV1,
    { tx }: EventContext<CitizensUnmergedV1>,
  ): Promise<void> {
    const restored = await this.repointing.restore(tx, payload.mergeId);
    this.logger.log({
      msg: `${this.records} restored after unmerge`,
      mergeId: payload.mergeId,
      restored,
    });
  }
}
