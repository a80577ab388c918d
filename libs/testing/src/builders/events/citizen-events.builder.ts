import { randomUUID } from 'node:crypto';
import type { CitizenErasedV1, CitizensMergedV1, CitizensUnmergedV1 } from '@civitas/contracts';
import { isoNow, PayloadBuilder } from './payload-builder.js';

/** `citizens.evt.citizens-merged.v1`: staff merged one resident into another, now. */
export class CitizensMergedBuilder extends PayloadBuilder<CitizensMergedV1> {
  constructor() {
    super({
      mergeId: randomUUID(),
      survivorId: randomUUID(),
      mergedId: randomUUID(),
      reason: 'same resident',
      mergedAt: isoNow(),
    });
  }

  /** `merged` now lives on as `survivor`. */
  of(mergedId: string, intoSurvivorId: string): this {
    return this.with({ mergedId, survivorId: intoSurvivorId });
  }
}

/** `citizens.evt.citizens-unmerged.v1`: a merge undone, now. */
export class CitizensUnmergedBuilder extends PayloadBuilder<CitizensUnmergedV1> {
  constructor() {
    super({
      mergeId: randomUUID(),
      survivorId: randomUUID(),
      mergedId: randomUUID(),
      unmergedAt: isoNow(),
    });
  }

  /** Undoes this merge (same merge id and residents). */
  undoing(merge: Pick<CitizensMergedV1, 'mergeId' | 'survivorId' | 'mergedId'>): this {
    return this.with({
      mergeId: merge.mergeId,
      survivorId: merge.survivorId,
      mergedId: merge.mergedId,
    });
  }
}

/** `citizens.evt.citizen-erased.v1`: a resident erased, now. */
export class CitizenErasedBuilder extends PayloadBuilder<CitizenErasedV1> {
  constructor() {
    super({ citizenId: randomUUID(), erasedAt: isoNow() });
  }

  of(citizenId: string): this {
    return this.with({ citizenId });
  }
}

export const aCitizensMerged = (): CitizensMergedBuilder => new CitizensMergedBuilder();
export const aCitizensUnmerged = (): CitizensUnmergedBuilder => new CitizensUnmergedBuilder();
export const aCitizenErased = (): CitizenErasedBuilder => new CitizenErasedBuilder();
