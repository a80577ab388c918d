import { Inject, Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import {
  type CitizenEntity,
  CitizenRepository,
  contactLookupHashes,
  normaliseContact,
} from '../../../citizens/index.js';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { PiiAccessAuditRepository } from '../../../privacy/index.js';
import { ContactLookupErrorCode, ContactLookupException } from '../../contact-lookup.exception.js';

/** A phone shared by a household may find several people; more than this is not a look-up. */
const MAX_MATCHES = 20;

export interface FindCitizensByContactQuery {
  email?: string | null;
  phone?: string | null;
  purpose?: string | null;
  identity: Identity;
}

/**
 * Finds the residents an agent is talking to by their e-mail address or phone number: an exact
 * match on the keyed look-up hashes (the plaintext is never searched). Each resident found gets
 * an audit entry saying who looked them up by what, before anything is answered.
 */
@Injectable()
export class FindCitizensByContactUseCase {
  private readonly defaultRegion: CountryCode;

  constructor(
    private readonly citizens: CitizenRepository,
    private readonly audit: PiiAccessAuditRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.defaultRegion = config.DEFAULT_PHONE_REGION as CountryCode;
  }

  async execute(query: FindCitizensByContactQuery): Promise<CitizenEntity[]> {
    const contact = normaliseContact(
      { email: query.email ?? undefined, phone: query.phone ?? undefined },
      this.defaultRegion,
    );
    const hashes = contactLookupHashes(this.cipher, contact);
    if (!hashes.emailHash && !hashes.phoneHash) {
      const problems = [
        ...(query.phone?.trim()
          ? [
              {
                field: 'phone',
                reason:
                  'is not a valid phone number (in the default region, or with +country code)',
              },
            ]
          : []),
        ...(!query.email?.trim() && !query.phone?.trim()
          ? [{ field: 'email', reason: 'give an e-mail address, a phone number, or both' }]
          : []),
      ];
      throw new ContactLookupException(
        ContactLookupErrorCode.NoUsableContact,
        'Give an e-mail address or a valid phone number to look up',
        problems,
      );
    }
    const byEmail = hashes.emailHash
      ? await this.citizens.findAllByContactHash('EMAIL', hashes.emailHash, MAX_MATCHES)
      : [];
    const byPhone = hashes.phoneHash
      ? await this.citizens.findAllByContactHash('PHONE', hashes.phoneHash, MAX_MATCHES)
      : [];
    const found = new Map<string, { citizen: CitizenEntity; fields: string[] }>();
    for (const [citizens, field] of [
      [byEmail, 'email'],
      [byPhone, 'phone'],
    ] as const) {
      for (const citizen of citizens) {
        const entry = found.get(citizen.id) ?? { citizen, fields: [] };
        entry.fields.push(field);
        found.set(citizen.id, entry);
      }
    }
    const matches = [...found.values()].slice(0, MAX_MATCHES);
    for (const { citizen, fields } of matches) {
      await this.audit.append({
        actorSub: query.identity.sub,
        actorRoles: [...query.identity.roles],
        citizenId: citizen.id,
        fields,
        purpose: `contact look-up${query.purpose?.trim() ? `: ${query.purpose.trim().slice(0, 400)}` : ''}`,
        outcome: 'GRANTED',
      });
    }
    return matches.map((m) => m.citizen);
  }
}
