import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import type { CitizenEntity } from '../../../citizens/index.js';
import { CodeIssuer } from '../../code-issuer.js';
import { CodeSender } from '../../code-sender.js';
import { ContactPointClaimEntity } from '../../contact-point-claim.entity.js';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from '../../contact-verification.exception.js';
import { ContactVerificationRepository } from '../../contact-verification.repository.js';
import { ContactValues, type ContactValue } from '../../contact-values.js';
import { claimNoticeMessage, contactCodeMessage, messageLanguage } from '../../messages.js';
import { OneTimeCodes } from '../../one-time-codes.js';

export interface ClaimedValue extends ContactValue {
  kind: 'EMAIL' | 'PHONE';
  hash: string;
}

/**
 * A resident claims an e-mail or phone for their own profile: it is held unverified and a
 * one-time code is sent to it (ADR 0040). Whoever already has it as a contact point is told, once
 * per claim, before the code goes out. Asked again, a new code replaces the old one.
 */
@Injectable()
export class ClaimContactPointUseCase {
  private readonly logger = new Logger(ClaimContactPointUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: ContactVerificationRepository,
    private readonly values: ContactValues,
    private readonly issuer: CodeIssuer,
    private readonly codes: OneTimeCodes,
    private readonly sender: CodeSender,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  /** In the caller's transaction, which holds the resident's row locked. */
  async claim(
    tx: Transaction,
    citizen: CitizenEntity,
    value: ClaimedValue,
    field: string,
  ): Promise<void> {
    await this.issuer.count(tx, citizen.id, 'CONTACT_POINT', value.hash, field);
    const existing = await this.repository.claimOf(tx, citizen.id, value.kind, value.hash);
    const claim =
      existing ??
      Object.assign(new ContactPointClaimEntity(), {
        id: randomUUID(),
        citizenId: citizen.id,
        kind: value.kind,
        valueEnc: this.cipher.encrypt(value.value)!,
        lookupHash: value.hash,
      });
    const code = this.codes.generate();
    Object.assign(claim, {
      codeHash: this.codes.hash(claim.id, code),
      codeExpiresAt: this.codes.expiry(),
      attempts: 0,
    });
    await this.repository.saveClaim(tx, claim);
    if (!existing) {
      const holders = await this.repository.holdersOf(value.kind, value.hash, citizen.id);
      if (holders.length > 0) {
        const language = messageLanguage(holders[0].preferredLanguage);
        await this.sender.send(
          holders[0].id,
          value.kind,
          value.value,
          claimNoticeMessage(language, value.kind),
          language,
          field,
        );
        this.logger.log({
          msg: 'contact point claimed by another resident: holder told',
          citizenId: citizen.id,
          holders: holders.map((h) => h.id),
        });
      }
    }
    const language = messageLanguage(citizen.preferredLanguage);
    await this.sender.send(
      citizen.id,
      value.kind,
      value.value,
      contactCodeMessage(language, code, this.codes.limits.codeTtlMinutes),
      language,
      field,
    );
  }

  /** A new code for an unverified contact point of the resident's (the old one is void). */
  async resend(citizenId: string, input: { kind: string; value: string }): Promise<void> {
    const value = this.claimable(input, 'value');
    await this.uow.run(async (tx) => {
      const citizen = await this.repository.lockResident(tx, citizenId);
      if (!citizen || !(await this.repository.claimOf(tx, citizenId, value.kind, value.hash))) {
        throw ContactVerificationException.aboutField(
          ContactVerificationErrorCode.NotPending,
          'value',
          'is not an unverified contact point of yours: add it with updateMyProfile',
        );
      }
      await this.claim(tx, citizen, value, 'value');
    });
  }

  /** An e-mail or phone as typed, normalised; `field` names it in errors. */
  claimable(input: { kind: string; value: string }, field: string): ClaimedValue {
    const value = this.values.read(input, field);
    if (value.kind === 'POSTAL' || value.hash === null) {
      throw ContactVerificationException.invalid(
        field.replace(/(^|\.)value$/, '$1kind'),
        'must be EMAIL or PHONE',
      );
    }
    return value as ClaimedValue;
  }
}
