import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork } from '@civitas/messaging';
import {
  type CitizenEntity,
  CitizenRepository,
  ContactPointEntity,
  type ContactPointKind,
} from '../../../citizens/index.js';
import {
  ClaimContactPointUseCase,
  ContactValues,
  ContactVerificationRepository,
  type ClaimedValue,
  type ContactValue,
} from '../../../contact-verification/index.js';
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

type Normalised = ContactValue;

/**
 * A signed-in resident changes their preferred language and contact points (their own only). An
 * e-mail or phone they add counts only once they prove it: it is held unverified and a code is
 * sent to it (ADR 0040). A postal address is added at once (nothing matches or sends on it).
 */
@Injectable()
export class UpdateMyProfileUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly residents: ResidentLinks,
    private readonly values: ContactValues,
    private readonly claims: ClaimContactPointUseCase,
    private readonly verification: ContactVerificationRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

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
      const pending = new Map(
        (await this.verification.claimsOf(self.id)).map((c) => [`${c.kind}:${c.lookupHash}`, c]),
      );
      const same = (p: ContactPointEntity, n: Normalised) =>
        p.kind === n.kind &&
        (n.hash !== null ? p.lookupHash === n.hash : this.cipher.decrypt(p.valueEnc) === n.value);
      for (const [i, r] of removes.entries()) {
        const found = points.filter((p) => same(p, r));
        if (found.length === 0 && r.hash !== null && pending.has(`${r.kind}:${r.hash}`)) {
          await this.verification.removeClaims(tx, self.id, [r.hash]);
          pending.delete(`${r.kind}:${r.hash}`);
          continue;
        }
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
      const claimed: { value: ClaimedValue; field: string }[] = [];
      for (const [i, a] of adds.entries()) {
        if ([...points, ...fresh].some((p) => same(p, a))) {
          continue;
        }
        if (a.hash !== null) {
          if (!claimed.some((c) => c.value.kind === a.kind && c.value.hash === a.hash)) {
            claimed.push({ value: a as ClaimedValue, field: `addContactPoints[${i}].value` });
          }
        } else {
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
      // Last: a code that cannot be sent undoes the whole change.
      for (const { value, field } of claimed) {
        await this.claims.claim(tx, { ...self, ...changes }, value, field);
      }
      return (await this.citizens.findById(self.id, tx))!;
    });
  }

  private normalise(change: ContactPointChange, field: string): Normalised {
    return this.values.read(change, field);
  }
}
