import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  IdentityLinkRef,
  IdentityMatch,
  ReporterContact,
  ResolveIdentityReply,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import type { Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { CitizensConfig } from '../../../config/citizens.config.js';
import {
  BlindIndex,
  candidateKeys,
  decide,
  matchScore,
  type MatchThresholds,
  type MatchTokens,
  PossibleMatchRepository,
} from '../../../matching/index.js';
import { CitizenEntity } from '../../citizen.entity.js';
import { CitizenRepository } from '../../citizen.repository.js';
import { contactLookupHashes, type ContactLookupHashes } from '../../contact-lookup.js';
import {
  isAnonymous,
  normaliseContact,
  type NormalisedContact,
} from '../../contact-normalisation.util.js';
import { ContactPointEntity } from '../../contact-point.entity.js';
import { IdentityLinkEntity } from '../../identity-link.entity.js';
import { LOGIN_SOURCE_SYSTEM, signInLinkHash } from '../../sign-in-link.js';

interface Keys extends ContactLookupHashes {
  linkHash: string | null;
  tokens: MatchTokens;
}

interface Recognised {
  citizen: CitizenEntity;
  match: IdentityMatch;
}

/** Who to resolve: the reporter's contact (opened from the request's sealed contact) and/or a legacy link. */
export interface ResolveIdentityInput {
  contact?: ReporterContact;
  link?: IdentityLinkRef;
  /** The sign-in of the resident who sent a report without contact (docs/adr/0096). */
  residentSub?: string;
}

/** What a recognised resident gains from this contact; nothing to write when all are empty. */
interface Details {
  changes: Partial<CitizenEntity>;
  points: ContactPointEntity[];
  attachLink: boolean;
}

/**
 * Finds who a contact is, most certain first: a legacy system's id (identity link), the e-mail,
 * the phone, then a probable match on name and postal address scored through the blind index
 * (above the link threshold: the same resident; in the review band: a new resident plus a possible
 * match for staff). A match gains the contact points it lacked (never overwrites). Without any
 * detail the report stays anonymous and nothing is stored.
 *
 * Most contacts are residents already known with nothing new to add: they are answered from a
 * plain read, without a transaction or lock. Anything that writes (a new resident, a detail to
 * add) is decided again from scratch under the per-contact locks.
 */
@Injectable()
export class ResolveIdentityUseCase {
  private readonly logger = new Logger(ResolveIdentityUseCase.name);
  private readonly defaultRegion: CountryCode;
  private readonly thresholds: MatchThresholds;

  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: CitizenRepository,
    private readonly blindIndex: BlindIndex,
    private readonly matches: PossibleMatchRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.defaultRegion = config.DEFAULT_PHONE_REGION as CountryCode;
    this.thresholds = { link: config.MATCH_LINK_THRESHOLD, review: config.MATCH_REVIEW_THRESHOLD };
  }

  async execute(request: ResolveIdentityInput): Promise<ResolveIdentityReply> {
    const contact = normaliseContact(request.contact, this.defaultRegion);
    const link = request.link ?? null;
    if (isAnonymous(contact) && !link) {
      return request.residentSub
        ? this.signedIn(request.residentSub)
        : { citizenId: null, match: 'ANONYMOUS' };
    }
    const keys: Keys = {
      ...contactLookupHashes(this.cipher, contact),
      linkHash: link
        ? this.cipher.lookupHash('link', `${link.sourceSystem}\u0000${link.sourceId}`)
        : null,
      tokens: this.blindIndex.tokensOf({
        givenName: contact.firstName,
        familyName: contact.lastName,
        organisationName: contact.organisationName,
        postalAddress: contact.postalAddress,
      }),
    };
    const reply =
      (await this.alreadyKnown(contact, keys, link)) ??
      (await this.resolveLocked(contact, keys, link));
    this.logger.log({ msg: 'identity resolved', citizenId: reply.citizenId, match: reply.match });
    return reply;
  }

  /** The resident this contact is, when they are known and it adds nothing: no lock, no write. */
  private async alreadyKnown(
    contact: NormalisedContact,
    keys: Keys,
    link: IdentityLinkRef | null,
  ): Promise<ResolveIdentityReply | null> {
    // A plain read: no transaction.
    const exact = await this.exactMatch(undefined, keys, link?.sourceSystem ?? null);
    // An e-mail, phone or link no current resident has would be added to whoever this is.
    const recognised =
      exact ??
      (keys.emailHash || keys.phoneHash || keys.linkHash
        ? null
        : (await this.probableMatch(undefined, keys)).recognised);
    if (!recognised) {
      return null;
    }
    const details = await this.detailsToAdd(undefined, recognised, contact, keys, link);
    return this.isEmpty(details) ? this.reply(recognised.citizen.id, recognised.match) : null;
  }

  private resolveLocked(
    contact: NormalisedContact,
    keys: Keys,
    link: IdentityLinkRef | null,
  ): Promise<ResolveIdentityReply> {
    // The house token too: two contacts of one person by name and address must not both create.
    const lockKeys = [keys.emailHash, keys.phoneHash, keys.linkHash, ...keys.tokens.house].filter(
      (h): h is string => h !== null,
    );
    return this.citizens.inLockedTransaction(lockKeys, async (tx) => {
      const { recognised, probable } = await this.recognise(tx, keys, link?.sourceSystem ?? null);
      if (recognised) {
        await this.addDetails(
          tx,
          recognised.citizen,
          await this.detailsToAdd(tx, recognised, contact, keys, link),
          link,
          keys.linkHash,
        );
        return this.reply(recognised.citizen.id, recognised.match);
      }
      const created = await this.create(tx, contact, keys, link);
      if (probable && decide(probable.score, this.thresholds) === 'REVIEW') {
        await this.matches.recordPending(tx, {
          citizenId: created.id,
          candidateId: probable.citizen.id,
          score: probable.score,
        });
        return { ...this.reply(created.id, 'NEW'), possibleMatchOf: probable.citizen.id };
      }
      return this.reply(created.id, 'NEW');
    });
  }

  /**
   * Who the contact is, most certain first: exact keys, then a probable match scored at or above
   * the link threshold. `probable` is the best candidate found when nobody was recognised.
   */
  private async recognise(
    tx: Transaction | undefined,
    keys: Keys,
    sourceSystem: string | null,
  ): Promise<{
    recognised: Recognised | null;
    probable: { citizen: CitizenEntity; score: number } | null;
  }> {
    const exact = await this.exactMatch(tx, keys, sourceSystem);
    return exact ? { recognised: exact, probable: null } : this.probableMatch(tx, keys);
  }

  private async probableMatch(
    tx: Transaction | undefined,
    keys: Keys,
  ): Promise<{
    recognised: Recognised | null;
    probable: { citizen: CitizenEntity; score: number } | null;
  }> {
    const probable = await this.bestCandidate(tx, keys.tokens);
    if (probable && decide(probable.score, this.thresholds) === 'LINK') {
      return { recognised: { citizen: probable.citizen, match: 'NAME_ADDRESS' }, probable };
    }
    return { recognised: null, probable };
  }

  private async exactMatch(
    tx: Transaction | undefined,
    keys: Keys,
    sourceSystem: string | null,
  ): Promise<Recognised | null> {
    if (keys.linkHash && sourceSystem) {
      const byLink = await this.citizens.findByLink(sourceSystem, keys.linkHash, tx);
      if (byLink) {
        return { citizen: byLink, match: 'LINK' };
      }
    }
    // The e-mail before the phone, both in one query.
    const found = await this.citizens.findByContactHashes(
      [
        ...(keys.emailHash ? [{ kind: 'EMAIL' as const, lookupHash: keys.emailHash }] : []),
        ...(keys.phoneHash ? [{ kind: 'PHONE' as const, lookupHash: keys.phoneHash }] : []),
      ],
      tx,
    );
    return found
      ? { citizen: found.citizen, match: found.kind === 'EMAIL' ? 'EMAIL' : 'PHONE' }
      : null;
  }

  private async bestCandidate(
    tx: Transaction | undefined,
    tokens: MatchTokens,
  ): Promise<{ citizen: CitizenEntity; score: number } | null> {
    const keys = candidateKeys(tokens);
    if (!keys) {
      return null;
    }
    const candidates = await this.citizens.findCandidates(
      keys.name,
      keys.address,
      tokens.house,
      tx,
    );
    let best: { citizen: CitizenEntity; score: number } | null = null;
    for (const citizen of candidates) {
      const score = matchScore(tokens, new Set(citizen.blindTokens));
      // Ties go to the oldest record: the one earlier matches were folded into.
      if (
        !best ||
        score > best.score ||
        (score === best.score && citizen.createdAt < best.citizen.createdAt)
      ) {
        best = { citizen, score };
      }
    }
    return best;
  }

  private async create(
    tx: Transaction,
    contact: NormalisedContact,
    keys: Keys,
    link: IdentityLinkRef | null,
  ): Promise<CitizenEntity> {
    const citizen = this.dataSource.manager.create(CitizenEntity, {
      id: randomUUID(),
      kind: contact.organisationName && !contact.firstName ? 'ORGANIZATION' : 'PERSON',
      firstNameEnc: this.cipher.encrypt(contact.firstName),
      lastNameEnc: this.cipher.encrypt(contact.lastName),
      organisationNameEnc: this.cipher.encrypt(contact.organisationName),
      emailEnc: this.cipher.encrypt(contact.email),
      phoneEnc: this.cipher.encrypt(contact.phone),
      emailHash: keys.emailHash,
      phoneHash: keys.phoneHash,
      preferredLanguage: contact.preferredLanguage,
      mergedInto: null,
      blindTokens: keys.tokens.all,
    });
    await this.citizens.insertResident(
      tx,
      citizen,
      this.newContactPoints(citizen.id, contact, keys, [], []),
      link && keys.linkHash ? this.newLink(citizen.id, link, keys.linkHash) : null,
    );
    return citizen;
  }

  /** What the recognised resident lacks of this contact (read only). */
  private async detailsToAdd(
    tx: Transaction | undefined,
    { citizen, match }: Recognised,
    contact: NormalisedContact,
    keys: Keys,
    link: IdentityLinkRef | null,
  ): Promise<Details> {
    const changes: Partial<CitizenEntity> = {};
    if (!citizen.firstNameEnc && contact.firstName) {
      changes.firstNameEnc = this.cipher.encrypt(contact.firstName);
    }
    if (!citizen.lastNameEnc && contact.lastName) {
      changes.lastNameEnc = this.cipher.encrypt(contact.lastName);
    }
    if (!citizen.organisationNameEnc && contact.organisationName) {
      changes.organisationNameEnc = this.cipher.encrypt(contact.organisationName);
    }
    if (!citizen.emailEnc && contact.email) {
      changes.emailEnc = this.cipher.encrypt(contact.email);
      changes.emailHash = keys.emailHash;
    }
    // A stored phone that never parsed is replaced by one that does: it makes the resident findable.
    if ((!citizen.phoneEnc || !citizen.phoneHash) && keys.phoneHash && contact.phone) {
      changes.phoneEnc = this.cipher.encrypt(contact.phone);
      changes.phoneHash = keys.phoneHash;
    } else if (!citizen.phoneEnc && contact.phone) {
      changes.phoneEnc = this.cipher.encrypt(contact.phone);
    }
    if (!citizen.preferredLanguage && contact.preferredLanguage) {
      changes.preferredLanguage = contact.preferredLanguage;
    }
    const held = new Set(citizen.blindTokens);
    const newTokens = keys.tokens.all.filter((t) => !held.has(t));
    if (newTokens.length > 0) {
      changes.blindTokens = [...citizen.blindTokens, ...newTokens];
    }
    // Found by e-mail with nothing else given (the common case): no contact point can be new.
    const mayAddPoints =
      !!contact.phone || !!contact.postalAddress || (!!contact.email && match !== 'EMAIL');
    let points: ContactPointEntity[] = [];
    if (mayAddPoints) {
      // A postal address is new when its house token is: sealed values cannot be compared.
      const known: ContactPointEntity['kind'][] = keys.tokens.house.some((t) => held.has(t))
        ? ['POSTAL']
        : [];
      // First against the one contact point the match itself proves the resident has: fewer
      // known points can only mean more new ones, so when none is new the others need no read.
      points = this.newContactPoints(citizen.id, contact, keys, this.provenBy(match, keys), known);
      if (points.length > 0) {
        const existing = await this.citizens.contactPoints(citizen.id, tx);
        points = this.newContactPoints(citizen.id, contact, keys, existing, known);
      }
    }
    // Found by the link itself: it is there already.
    const attachLink =
      !!link &&
      !!keys.linkHash &&
      match !== 'LINK' &&
      !(await this.citizens.linkOf(link.sourceSystem, keys.linkHash, tx));
    return { changes, points, attachLink };
  }

  /** The contact point a match on it proves the resident has (as far as matching looks at it). */
  private provenBy(match: IdentityMatch, keys: Keys): ContactPointEntity[] {
    const proven = (kind: ContactPointEntity['kind'], lookupHash: string | null) =>
      [{ kind, lookupHash }] as ContactPointEntity[];
    return match === 'EMAIL'
      ? proven('EMAIL', keys.emailHash)
      : match === 'PHONE'
        ? proven('PHONE', keys.phoneHash)
        : [];
  }

  private isEmpty(details: Details): boolean {
    return (
      Object.keys(details.changes).length === 0 &&
      details.points.length === 0 &&
      !details.attachLink
    );
  }

  private async addDetails(
    tx: Transaction,
    citizen: CitizenEntity,
    { changes, points, attachLink }: Details,
    link: IdentityLinkRef | null,
    linkHash: string | null,
  ): Promise<void> {
    if (Object.keys(changes).length > 0) {
      await this.citizens.update(tx, citizen.id, changes);
    }
    await this.citizens.insertContactPoints(tx, points);
    if (attachLink && link && linkHash) {
      await this.attachLink(tx, citizen.id, link, linkHash);
    }
  }

  private newContactPoints(
    citizenId: string,
    contact: NormalisedContact,
    keys: Keys,
    existing: ContactPointEntity[],
    known: ContactPointEntity['kind'][],
  ): ContactPointEntity[] {
    const has = (kind: ContactPointEntity['kind'], hash: string | null) =>
      hash !== null && existing.some((p) => p.kind === kind && p.lookupHash === hash);
    const points: Omit<ContactPointEntity, 'createdAt'>[] = [];
    if (contact.email && !has('EMAIL', keys.emailHash)) {
      points.push({
        id: randomUUID(),
        citizenId,
        kind: 'EMAIL',
        valueEnc: this.cipher.encrypt(contact.email),
        lookupHash: keys.emailHash,
      });
    }
    const unparsedPhoneKnown =
      keys.phoneHash === null && existing.some((p) => p.kind === 'PHONE' && p.lookupHash === null);
    if (contact.phone && !has('PHONE', keys.phoneHash) && !unparsedPhoneKnown) {
      points.push({
        id: randomUUID(),
        citizenId,
        kind: 'PHONE',
        valueEnc: this.cipher.encrypt(contact.phone),
        lookupHash: keys.phoneHash,
      });
    }
    const postalKnown =
      known.includes('POSTAL') ||
      (keys.tokens.house.length === 0 && existing.some((p) => p.kind === 'POSTAL'));
    if (contact.postalAddress && !postalKnown) {
      points.push({
        id: randomUUID(),
        citizenId,
        kind: 'POSTAL',
        valueEnc: this.cipher.encrypt(contact.postalAddress),
        lookupHash: null,
      });
    }
    return points as ContactPointEntity[];
  }

  private async attachLink(
    tx: Transaction,
    citizenId: string,
    link: IdentityLinkRef,
    linkHash: string,
  ): Promise<void> {
    await this.citizens.insertLink(tx, this.newLink(citizenId, link, linkHash));
  }

  private newLink(citizenId: string, link: IdentityLinkRef, linkHash: string): IdentityLinkEntity {
    return this.dataSource.manager.create(IdentityLinkEntity, {
      id: randomUUID(),
      citizenId,
      sourceSystem: link.sourceSystem,
      sourceIdEnc: this.cipher.encrypt(link.sourceId),
      sourceIdHash: linkHash,
    });
  }

  /**
   * A report sent signed in, without contact: the resident the sign-in is linked to reported it.
   * Only looked up: a sign-in is linked by an agent (or the resident's own proof), never by a report.
   */
  private async signedIn(sub: string): Promise<ResolveIdentityReply> {
    const found = await this.citizens.findByLink(
      LOGIN_SOURCE_SYSTEM,
      signInLinkHash(this.cipher, sub),
    );
    if (!found || (await this.citizens.isErased(found.id))) {
      return { citizenId: null, match: 'ANONYMOUS' };
    }
    return this.reply(found.id, 'SIGN_IN');
  }

  private reply(citizenId: string, match: IdentityMatch): ResolveIdentityReply {
    return { citizenId, match };
  }
}
