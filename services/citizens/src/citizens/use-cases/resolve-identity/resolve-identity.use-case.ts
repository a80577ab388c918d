import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  IdentityMatch,
  ResolveIdentityReply,
  ResolveIdentityRequest,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource, type EntityManager } from 'typeorm';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { BlindIndex } from '../../../matching/blind-index.js';
import { candidateKeys, type MatchTokens } from '../../../matching/blind-tokens.js';
import { decide, matchScore, type MatchThresholds } from '../../../matching/match-scoring.js';
import { PossibleMatchEntity } from '../../../matching/possible-match.entity.js';
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

interface Keys extends ContactLookupHashes {
  linkHash: string | null;
  tokens: MatchTokens;
}

/**
 * Finds who a contact is, most certain first: a legacy system's id (identity link), the e-mail,
 * the phone, then a probable match on name and postal address scored through the blind index
 * (above the link threshold: the same resident; in the review band: a new resident plus a possible
 * match for staff). A match gains the contact points it lacked (never overwrites). Without any
 * detail the report stays anonymous and nothing is stored.
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
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.defaultRegion = config.DEFAULT_PHONE_REGION as CountryCode;
    this.thresholds = { link: config.MATCH_LINK_THRESHOLD, review: config.MATCH_REVIEW_THRESHOLD };
  }

  async execute(request: ResolveIdentityRequest): Promise<ResolveIdentityReply> {
    const contact = normaliseContact(request.contact, this.defaultRegion);
    const link = request.link ?? null;
    if (isAnonymous(contact) && !link) {
      return { citizenId: null, match: 'ANONYMOUS' };
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
    const reply = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      // The house token too: two contacts of one person by name and address must not both create.
      await this.citizens.lockLookupHashes(
        manager,
        [keys.emailHash, keys.phoneHash, keys.linkHash, ...keys.tokens.house].filter(
          (h): h is string => h !== null,
        ),
      );
      const exact = await this.exactMatch(manager, keys, link?.sourceSystem ?? null);
      if (exact) {
        await this.addDetails(manager, exact.citizen, contact, keys, link, exact.match);
        return this.reply(exact.citizen.id, exact.match);
      }
      const probable = await this.bestCandidate(manager, keys.tokens);
      const decision = probable ? decide(probable.score, this.thresholds) : 'NONE';
      if (probable && decision === 'LINK') {
        await this.addDetails(manager, probable.citizen, contact, keys, link, 'NAME_ADDRESS');
        return this.reply(probable.citizen.id, 'NAME_ADDRESS');
      }
      const created = await this.create(manager, contact, keys, link);
      if (probable && decision === 'REVIEW') {
        await manager.insert(PossibleMatchEntity, {
          id: randomUUID(),
          citizenId: created.id,
          candidateId: probable.citizen.id,
          score: probable.score,
          status: 'PENDING',
        });
        return { ...this.reply(created.id, 'NEW'), possibleMatchOf: probable.citizen.id };
      }
      return this.reply(created.id, 'NEW');
    });
    this.logger.log({ msg: 'identity resolved', citizenId: reply.citizenId, match: reply.match });
    return reply;
  }

  private async exactMatch(
    manager: EntityManager,
    keys: Keys,
    sourceSystem: string | null,
  ): Promise<{ citizen: CitizenEntity; match: IdentityMatch } | null> {
    if (keys.linkHash && sourceSystem) {
      const byLink = await this.citizens.findByLink(manager, sourceSystem, keys.linkHash);
      if (byLink) {
        return { citizen: byLink, match: 'LINK' };
      }
    }
    if (keys.emailHash) {
      const byEmail = await this.citizens.findByContactHash(manager, 'EMAIL', keys.emailHash);
      if (byEmail) {
        return { citizen: byEmail, match: 'EMAIL' };
      }
    }
    if (keys.phoneHash) {
      const byPhone = await this.citizens.findByContactHash(manager, 'PHONE', keys.phoneHash);
      if (byPhone) {
        return { citizen: byPhone, match: 'PHONE' };
      }
    }
    return null;
  }

  private async bestCandidate(
    manager: EntityManager,
    tokens: MatchTokens,
  ): Promise<{ citizen: CitizenEntity; score: number } | null> {
    const keys = candidateKeys(tokens);
    if (!keys) {
      return null;
    }
    const candidates = await this.citizens.findCandidates(manager, keys.name, keys.address);
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
    manager: EntityManager,
    contact: NormalisedContact,
    keys: Keys,
    link: ResolveIdentityRequest['link'] | null,
  ): Promise<CitizenEntity> {
    const citizen = manager.create(CitizenEntity, {
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
    await this.citizens.insert(manager, citizen);
    await this.citizens.insertContactPoints(
      manager,
      this.newContactPoints(citizen.id, contact, keys, [], []),
    );
    if (link && keys.linkHash) {
      await this.attachLink(manager, citizen.id, link, keys.linkHash);
    }
    return citizen;
  }

  private async addDetails(
    manager: EntityManager,
    citizen: CitizenEntity,
    contact: NormalisedContact,
    keys: Keys,
    link: ResolveIdentityRequest['link'] | null,
    match: IdentityMatch,
  ): Promise<void> {
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
    if (Object.keys(changes).length > 0) {
      await this.citizens.update(manager, citizen.id, changes);
    }
    // Found by e-mail with nothing else given (the common case): no contact point can be new.
    const mayAddPoints =
      !!contact.phone || !!contact.postalAddress || (!!contact.email && match !== 'EMAIL');
    if (!mayAddPoints && !link) {
      return;
    }
    const existing = mayAddPoints ? await this.citizens.contactPoints(citizen.id, manager) : [];
    if (mayAddPoints) {
      await this.citizens.insertContactPoints(
        manager,
        this.newContactPoints(
          citizen.id,
          contact,
          keys,
          existing,
          // A postal address is new when its house token is: sealed values cannot be compared.
          keys.tokens.house.some((t) => held.has(t)) ? ['POSTAL'] : [],
        ),
      );
    }
    if (link && keys.linkHash) {
      const linked = await manager.findOneBy(IdentityLinkEntity, {
        sourceSystem: link.sourceSystem,
        sourceIdHash: keys.linkHash,
      });
      if (!linked) {
        await this.attachLink(manager, citizen.id, link, keys.linkHash);
      }
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
    manager: EntityManager,
    citizenId: string,
    link: NonNullable<ResolveIdentityRequest['link']>,
    linkHash: string,
  ): Promise<void> {
    await this.citizens.insertLink(
      manager,
      manager.create(IdentityLinkEntity, {
        id: randomUUID(),
        citizenId,
        sourceSystem: link.sourceSystem,
        sourceIdEnc: this.cipher.encrypt(link.sourceId),
        sourceIdHash: linkHash,
      }),
    );
  }

  private reply(citizenId: string, match: IdentityMatch): ResolveIdentityReply {
    return { citizenId, match };
  }
}
