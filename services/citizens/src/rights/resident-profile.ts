import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { type CitizenEntity, CitizenRepository } from '../citizens/index.js';
import { ConsentPolicy } from '../consents/index.js';
import {
  UnverifiedContactPoints,
  type UnverifiedContactPoint,
} from '../contact-verification/index.js';

export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'organisationName',
  'email',
  'phone',
  'contactPoints',
  'unverifiedContactPoints',
  'consents',
];

export interface ResidentProfile {
  id: string;
  kind: CitizenEntity['kind'];
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: string | null;
  createdAt: Date;
  contactPoints: { kind: string; value: string; addedAt: Date }[];
  /** E-mails and phones added by the resident and not proved yet (ADR 0040). */
  unverifiedContactPoints: UnverifiedContactPoint[];
  consents: {
    channel: string;
    purpose: string;
    granted: boolean;
    source: string;
    updatedAt: Date;
  }[];
}

/** A resident's own profile, unsealed, for the resident (callers audit the read). */
@Injectable()
export class ResidentProfiles {
  constructor(
    private readonly citizens: CitizenRepository,
    private readonly consents: ConsentPolicy,
    private readonly unverified: UnverifiedContactPoints,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async of(citizen: CitizenEntity): Promise<ResidentProfile> {
    const [points, consents, unverified] = await Promise.all([
      this.citizens.contactPoints(citizen.id),
      this.consents.answersOf(citizen.id),
      this.unverified.of(citizen.id),
    ]);
    return {
      id: citizen.id,
      kind: citizen.kind,
      firstName: this.cipher.decrypt(citizen.firstNameEnc),
      lastName: this.cipher.decrypt(citizen.lastNameEnc),
      organisationName: this.cipher.decrypt(citizen.organisationNameEnc),
      email: this.cipher.decrypt(citizen.emailEnc),
      phone: this.cipher.decrypt(citizen.phoneEnc),
      preferredLanguage: citizen.preferredLanguage,
      createdAt: citizen.createdAt,
      contactPoints: points.map((p) => ({
        kind: p.kind,
        value: this.cipher.decrypt(p.valueEnc),
        addedAt: p.createdAt,
      })),
      unverifiedContactPoints: unverified,
      consents: consents.map((c) => ({
        channel: c.channel,
        purpose: c.purpose,
        granted: c.granted,
        source: c.source,
        updatedAt: c.updatedAt,
      })),
    };
  }
}
