import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Transaction } from '@civitas/messaging';
import { type CitizenEntity, CitizenRepository } from '../citizens/index.js';
import type { ConsentChannel, ConsentPurpose } from './consent-event.entity.js';
import type { ConsentEntity } from './consent.entity.js';
import { ConsentRepository } from './consent.repository.js';

/**
 * What a message to a resident is for. The product rule is stated per kind, the resident answers
 * per purpose: `MESSAGE_PURPOSE` ties the two.
 */
export const MESSAGE_KINDS = [
  /** Received, routed, status, public note, closure: about a report they made or its duplicates. */
  'CASE_UPDATE',
  /** The one-question "were you satisfied?" link inside a closure notice: part of that update. */
  'CLOSURE_SATISFACTION_QUESTION',
  'AREA_ALERT',
  'NEWSLETTER',
  /** A survey sent on its own (not the question inside a closure notice). */
  'SURVEY',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_PURPOSE: Record<MessageKind, ConsentPurpose> = {
  CASE_UPDATE: 'STATUS_UPDATES',
  CLOSURE_SATISFACTION_QUESTION: 'STATUS_UPDATES',
  AREA_ALERT: 'SERVICE_ANNOUNCEMENTS',
  NEWSLETTER: 'SERVICE_ANNOUNCEMENTS',
  SURVEY: 'SURVEYS',
};

/**
 * Why the answer is what it is: the resident's own recorded answer, the contact they gave when
 * reporting (updates about their reports only), nothing (no), or an erasure (never).
 */
export type ConsentBasis = 'RECORDED' | 'REPORTING' | 'NONE' | 'ERASED';

export interface ConsentDecision {
  allowed: boolean;
  basis: ConsentBasis;
}

export interface ConsentFacts {
  message: MessageKind;
  channel: ConsentChannel;
  /** The resident's current recorded answer for this channel and the message's purpose. */
  recorded: { granted: boolean } | null;
  /** They gave us a contact on this channel (an e-mail for EMAIL, a phone for SMS) when reporting. */
  contactGiven: boolean;
  erased: boolean;
}

/** Channels a contact given when reporting lets us send updates on, most preferred first. */
export const CASE_UPDATE_CHANNELS = ['EMAIL', 'SMS'] as const satisfies readonly ConsentChannel[];
export type CaseUpdateChannel = (typeof CASE_UPDATE_CHANNELS)[number];

/**
 * The one consent rule of the platform (ADR 0017, 0018). An erased resident is never contacted;
 * a recorded answer wins, yes or no; with none, a contact given when reporting is consent to
 * transactional updates about that report (its duplicates and the closure notice's satisfaction
 * question included) on that channel, until they say no. Everything else needs a recorded yes.
 */
export function decideConsent(facts: ConsentFacts): ConsentDecision {
  if (facts.erased) {
    return { allowed: false, basis: 'ERASED' };
  }
  if (facts.recorded) {
    return { allowed: facts.recorded.granted, basis: 'RECORDED' };
  }
  const impliedByReporting =
    MESSAGE_PURPOSE[facts.message] === 'STATUS_UPDATES' &&
    (CASE_UPDATE_CHANNELS as readonly ConsentChannel[]).includes(facts.channel) &&
    facts.contactGiven;
  return impliedByReporting
    ? { allowed: true, basis: 'REPORTING' }
    : { allowed: false, basis: 'NONE' };
}

/** One channel and purpose as the resident and staff see it: what messages are decided by. */
export interface ConsentAnswer {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** How it was given: a recorded answer's source, or REPORTING when implied by reporting. */
  source: string;
  basis: Exclude<ConsentBasis, 'NONE' | 'ERASED'>;
  /** When recorded; for REPORTING, when the contact was first known. */
  updatedAt: Date;
}

/**
 * The consent policy every feature asks: notifications before queueing a message, the consents
 * and residents' rights reads (`Citizen.consents`, `me.consents`) to show the same answer. Merges
 * count: a merged-away id answers for its survivor, whose recorded answer is the latest given on
 * any of its records.
 */
@Injectable()
export class ConsentPolicy {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly citizens: CitizenRepository,
  ) {}

  async mayContact(
    citizenId: string,
    channel: ConsentChannel,
    message: MessageKind,
    tx?: Transaction,
  ): Promise<boolean> {
    const resident = await this.resident(citizenId, tx);
    return resident !== null && decideFor(resident, channel, message).allowed;
  }

  /**
   * The policy's answers for a resident the caller has already followed to the end of their
   * merges and found not erased, under a lock that an erasure waits for (a notice being queued,
   * `NotificationRepository.lockUnerased`): only their recorded answers are read, once for every
   * question the caller then asks.
   */
  async forUnerased(citizen: CitizenEntity, tx?: Transaction): Promise<ResidentConsent> {
    const recorded = await this.consents.current(citizen.id, tx);
    return new ResidentConsent({ citizen, recorded, erased: false });
  }

  /**
   * Every answer that lets us or stops us contacting the resident: each recorded one, and where
   * none is recorded, updates about their reports on a contact they gave when reporting. Nothing
   * for an erased resident (nobody is contacted) beyond what they recorded.
   */
  async answersOf(citizenId: string, tx?: Transaction): Promise<ConsentAnswer[]> {
    const resident = await this.resident(citizenId, tx);
    if (!resident) {
      return [];
    }
    const answers: ConsentAnswer[] = resident.recorded.map((c) => ({
      channel: c.channel,
      purpose: c.purpose,
      granted: c.granted,
      source: c.source,
      basis: 'RECORDED',
      updatedAt: c.updatedAt,
    }));
    const since = await this.contactKnownSince(resident.citizen, tx);
    // Only updates about their reports can be given by reporting (every other purpose needs a yes).
    for (const channel of CASE_UPDATE_CHANNELS) {
      if (decideFor(resident, channel, 'CASE_UPDATE').basis === 'REPORTING') {
        answers.push({
          channel,
          purpose: 'STATUS_UPDATES',
          granted: true,
          source: 'REPORTING',
          basis: 'REPORTING',
          updatedAt: since.get(channel) ?? resident.citizen.createdAt,
        });
      }
    }
    return answers.sort(
      (a, b) => a.channel.localeCompare(b.channel) || a.purpose.localeCompare(b.purpose),
    );
  }

  private async resident(citizenId: string, tx?: Transaction): Promise<Resident | null> {
    if (!isUUID(citizenId)) {
      return null;
    }
    // A record merged away answers for the resident it now belongs to.
    const citizen = await this.citizens.followMerges(citizenId, tx);
    if (!citizen) {
      return null;
    }
    const [recorded, erased] = await Promise.all([
      this.consents.current(citizen.id, tx),
      this.citizens.isErased(citizen.id, tx),
    ]);
    return { citizen, recorded, erased };
  }

  /** When the resident's first e-mail and first phone became known, per channel they serve. */
  private async contactKnownSince(
    citizen: CitizenEntity,
    tx?: Transaction,
  ): Promise<Map<ConsentChannel, Date>> {
    const points = await this.citizens.contactPoints(citizen.id, tx);
    const since = new Map<ConsentChannel, Date>();
    for (const point of points) {
      const channel = point.kind === 'EMAIL' ? 'EMAIL' : point.kind === 'PHONE' ? 'SMS' : null;
      const known = channel && since.get(channel);
      if (channel && (!known || point.createdAt < known)) {
        since.set(channel, point.createdAt);
      }
    }
    return since;
  }
}

/** The policy's answers for one resident read once (`ConsentPolicy.forUnerased`). */
export class ResidentConsent {
  constructor(private readonly resident: Resident) {}

  /** The channels a case update may go out on, most preferred first. */
  caseUpdateChannels(): CaseUpdateChannel[] {
    return CASE_UPDATE_CHANNELS.filter(
      (channel) => decideFor(this.resident, channel, 'CASE_UPDATE').allowed,
    );
  }

  mayContact(channel: ConsentChannel, message: MessageKind): boolean {
    return decideFor(this.resident, channel, message).allowed;
  }
}

/** What decides whether a resident may be contacted: their record, consents, and erasure. */
interface Resident {
  citizen: CitizenEntity;
  recorded: readonly ConsentEntity[];
  erased: boolean;
}

/** The decision for `message` on `channel` to the resident read. */
function decideFor(
  resident: Resident,
  channel: ConsentChannel,
  message: MessageKind,
): ConsentDecision {
  const recorded = resident.recorded.find(
    (c) => c.channel === channel && c.purpose === MESSAGE_PURPOSE[message],
  );
  return decideConsent({
    message,
    channel,
    recorded: recorded ?? null,
    contactGiven: contactGiven(resident.citizen, channel),
    erased: resident.erased,
  });
}

/** A contact on the channel: the resident's e-mail for EMAIL, their phone for SMS. */
function contactGiven(citizen: CitizenEntity, channel: ConsentChannel): boolean {
  switch (channel) {
    case 'EMAIL':
      return citizen.emailEnc !== null;
    case 'SMS':
      return citizen.phoneEnc !== null;
    case 'PHONE':
    case 'POST':
      return false;
  }
}
