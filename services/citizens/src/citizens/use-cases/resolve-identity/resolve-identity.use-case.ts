import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IdentityMatch, ReporterContact, ResolveIdentityReply } from '@civitas/contracts';
import type { PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource, type EntityManager } from 'typeorm';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { PII_CIPHER } from '@civitas/crypto';
import { CitizenEntity } from '../../citizen.entity.js';
import { CitizenRepository } from '../../citizen.repository.js';
import { contactLookupHashes, type ContactLookupHashes } from '../../contact-lookup.js';
import {
  isAnonymous,
  normaliseContact,
  type NormalisedContact,
} from '../../contact-normalisation.util.js';

/**
 * Finds who a contact is: an exact match on e-mail first, then on phone; otherwise a new resident.
 * A match gains the contact details it was missing (never overwrites what it has). Without any
 * name, e-mail or phone the report stays anonymous and nothing is stored.
 */
@Injectable()
export class ResolveIdentityUseCase {
  private readonly logger = new Logger(ResolveIdentityUseCase.name);
  private readonly defaultRegion: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: CitizenRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.defaultRegion = config.DEFAULT_PHONE_REGION as CountryCode;
  }

  async execute(contact: ReporterContact | undefined): Promise<ResolveIdentityReply> {
    const normalised = normaliseContact(contact, this.defaultRegion);
    if (isAnonymous(normalised)) {
      return { citizenId: null, match: 'ANONYMOUS' };
    }
    const hashes = contactLookupHashes(this.cipher, normalised);
    const reply = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await this.citizens.lockLookupHashes(
        manager,
        [hashes.emailHash, hashes.phoneHash].filter((h): h is string => h !== null),
      );
      const byEmail = hashes.emailHash
        ? await this.citizens.findByEmailHash(manager, hashes.emailHash)
        : null;
      if (byEmail) {
        await this.fillMissing(manager, byEmail, normalised, hashes);
        return this.reply(byEmail.id, 'EMAIL');
      }
      const byPhone = hashes.phoneHash
        ? await this.citizens.findByPhoneHash(manager, hashes.phoneHash)
        : null;
      if (byPhone) {
        await this.fillMissing(manager, byPhone, normalised, hashes);
        return this.reply(byPhone.id, 'PHONE');
      }
      const created = await this.create(manager, normalised, hashes);
      return this.reply(created.id, 'NEW');
    });
    this.logger.log({ msg: 'identity resolved', citizenId: reply.citizenId, match: reply.match });
    return reply;
  }

  private async create(
    manager: EntityManager,
    contact: NormalisedContact,
    hashes: ContactLookupHashes,
  ): Promise<CitizenEntity> {
    const citizen = manager.create(CitizenEntity, {
      id: randomUUID(),
      kind: 'PERSON',
      firstNameEnc: this.cipher.encrypt(contact.firstName),
      lastNameEnc: this.cipher.encrypt(contact.lastName),
      emailEnc: this.cipher.encrypt(contact.email),
      phoneEnc: this.cipher.encrypt(contact.phone),
      emailHash: hashes.emailHash,
      phoneHash: hashes.phoneHash,
    });
    await this.citizens.insert(manager, citizen);
    return citizen;
  }

  private async fillMissing(
    manager: EntityManager,
    citizen: CitizenEntity,
    contact: NormalisedContact,
    hashes: ContactLookupHashes,
  ): Promise<void> {
    const changes: Partial<CitizenEntity> = {};
    if (!citizen.firstNameEnc && contact.firstName) {
      changes.firstNameEnc = this.cipher.encrypt(contact.firstName);
    }
    if (!citizen.lastNameEnc && contact.lastName) {
      changes.lastNameEnc = this.cipher.encrypt(contact.lastName);
    }
    if (!citizen.emailEnc && contact.email) {
      changes.emailEnc = this.cipher.encrypt(contact.email);
      changes.emailHash = hashes.emailHash;
    }
    // A stored phone that never parsed is replaced by one that does: it makes the resident findable.
    if ((!citizen.phoneEnc || !citizen.phoneHash) && hashes.phoneHash && contact.phone) {
      changes.phoneEnc = this.cipher.encrypt(contact.phone);
      changes.phoneHash = hashes.phoneHash;
    } else if (!citizen.phoneEnc && contact.phone) {
      changes.phoneEnc = this.cipher.encrypt(contact.phone);
    }
    if (Object.keys(changes).length > 0) {
      await this.citizens.update(manager, citizen.id, changes);
    }
  }

  private reply(citizenId: string, match: IdentityMatch): ResolveIdentityReply {
    return { citizenId, match };
  }
}
