import { randomUUID } from 'node:crypto';
import { Channel, type InteractionLoggedV1, type InteractionVisibility } from '@civitas/contracts';
import { aCaseRef, isoNow, PayloadBuilder, type CaseRef } from './payload-builder.js';

/** `cases.evt.interaction-logged.v1`: a public phone contact logged by staff, now. */
export class InteractionLoggedBuilder extends PayloadBuilder<InteractionLoggedV1> {
  constructor() {
    super({
      interactionId: randomUUID(),
      ...aCaseRef(),
      channel: Channel.PHONE,
      visibility: 'PUBLIC',
      loggedBy: 'agent-1',
      loggedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  via(channel: Channel): this {
    return this.with({ channel });
  }

  visible(visibility: InteractionVisibility): this {
    return this.with({ visibility });
  }

  /** Staff who logged it; null for the resident's own contact on a channel. */
  loggedBy(sub: string | null): this {
    return this.with({ loggedBy: sub });
  }

  withCitizen(citizenId: string | null): this {
    return this.with({ citizenId });
  }
}

export const anInteractionLogged = (): InteractionLoggedBuilder => new InteractionLoggedBuilder();
