import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork } from '@civitas/messaging';
import type { CountryCode } from 'libphonenumber-js';
import {
  type CitizenEntity,
  CitizenRepository,
  cleanText,
  ContactPointEntity,
  type ContactPointKind,
  normaliseEmail,
  normalisePhone,
} from '../../../citizens/index.js';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import { RightsException } from '../../rights.exception.js';

export interface ContactPointChange {
  kind: ContactPointKind;
  value: string;
}

export interface UpdateMyProfileCommand {
  preferredLanguage?: string | null;
  addContactPoints?: ContactPointChange[] | null;
  removeContactPoints?: ContactPointChange[] | null;
}

const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Normalised {
  kind: ContactPointKind;
  value: string;
  hash: string | null;
}

/** A signed-in resident changes their preferred language and contact points (their own only). */
@Injectable()
export class UpdateMyProfileUseCase {
  private readonly region: CountryCode;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly residents: ResidentLinks,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.region = config.DEFAULT_PHONE_REGION as CountryCode;
  }

  async execute(actor: Identity, command: UpdateMyProfileCommand): Promise<CitizenEntity> {
    const language =
      command.preferredLanguage === undefined || command.preferredLanguage === null
        ? undefined
        : command.preferredLanguage.trim();
    if (language !== undefined && language !== '' && !LANGUAGE.test(language)) {
      throw RightsException.invalid(
        'preferredLanguage',
        'must be a BCP 47 tag such as en or es-MX',
      );
    }
    const adds = (command.addContactPoints ?? []).map((c, i) =>
      this.normalise(c, `addContactPoints[${i}].value`),
    );
    const removes = (command.removeContactPoints ?? []).map((c, i) =>
      this.normalise(c, `removeContactPoints[${i}].value`),
    );
    return this.uow.run(async (tx) => {
      const self = await this.residents.citizenOf(actor, tx);
      await this.citizens.lockForUpdate(tx, [self.id]);
      let points = await this.citizens.contactPoints(self.id, tx);
      const same = (p: ContactPointEntity, n: Normalised) =>
        p.kind === n.kind &&
        (n.hash !== null ? p.lookupHash === n.hash : this.cipher.decrypt(p.valueEnc) === n.value);
      for (const [i, r] of removes.entries()) {
        const found = points.filter((p) => same(p, r));
        if (found.length === 0) {
          throw RightsException.invalid(
            `removeContactPoints[${i}].value`,
            'is not one of your contact points',
          );
        }
        await this.citizens.deleteContactPoints(
          tx,
          found.map((p) => p.id),
        );
        points = points.filter((p) => !found.includes(p));
      }
      const fresh: ContactPointEntity[] = [];
      for (const a of adds) {
        if (![...points, ...fresh].some((p) => same(p, a))) {
          fresh.push(
            Object.assign(new ContactPointEntity(), {
              id: randomUUID(),
              citizenId: self.id,
              kind: a.kind,
              valueEnc: this.cipher.encrypt(a.value),
              lookupHash: a.hash,
            }),
          );
        }
      }
      await this.citizens.insertContactPoints(tx, fresh);
      points = [...points, ...fresh];
      const changes: Partial<CitizenEntity> = {};
      if (language !== undefined) {
        changes.preferredLanguage = language === '' ? null : language;
      }
      // The primary e-mail and phone stay one of the contact points (or none is left).
      for (const kind of ['EMAIL', 'PHONE'] as const) {
        const hashKey = kind === 'EMAIL' ? 'emailHash' : 'phoneHash';
        const encKey = kind === 'EMAIL' ? 'emailEnc' : 'phoneEnc';
        const ofKind = points.filter((p) => p.kind === kind);
        const primaryKept = ofKind.some(
          (p) =>
            self[encKey] !== null &&
            p.lookupHash === self[hashKey] &&
            this.cipher.decrypt(p.valueEnc) === this.cipher.decrypt(self[encKey]),
        );
        if (!primaryKept) {
          changes[encKey] = ofKind[0]?.valueEnc ?? null;
          changes[hashKey] = ofKind[0]?.lookupHash ?? null;
        }
      }
      if (Object.keys(changes).length > 0) {
        await this.citizens.update(tx, self.id, changes);
      }
      return (await this.citizens.findById(self.id, tx))!;
    });
  }

  private normalise(change: ContactPointChange, field: string): Normalised {
    const raw = cleanText(change?.value);
    if (!raw || raw.length > 500) {
      throw RightsException.invalid(field, 'must be 1 to 500 characters');
    }
    switch (change.kind) {
      case 'EMAIL': {
        const email = normaliseEmail(raw)!;
        if (!EMAIL.test(email)) {
          throw RightsException.invalid(field, 'is not an e-mail address');
        }
        return { kind: 'EMAIL', value: email, hash: this.cipher.lookupHash('email', email) };
      }
      case 'PHONE': {
        const phone = normalisePhone(raw, this.region);
        if (!phone) {
          throw RightsException.invalid(field, 'is not a valid phone number');
        }
        return { kind: 'PHONE', value: phone, hash: this.cipher.lookupHash('phone', phone) };
      }
      case 'POSTAL':
        return { kind: 'POSTAL', value: raw, hash: null };
      default:
        throw RightsException.invalid(
          field.replace(/\.value$/, '.kind'),
          'must be EMAIL, PHONE or POSTAL',
        );
    }
  }
}
