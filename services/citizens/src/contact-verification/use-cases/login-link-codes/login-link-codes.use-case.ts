import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import { CodeIssuer } from '../../code-issuer.js';
import { CodeSender } from '../../code-sender.js';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from '../../contact-verification.exception.js';
import { ContactVerificationRepository } from '../../contact-verification.repository.js';
import { LoginLinkCodeEntity } from '../../login-link-code.entity.js';
import { loginLinkCodeMessage, messageLanguage } from '../../messages.js';
import { OneTimeCodes } from '../../one-time-codes.js';

export interface LoginLinkCodeSent {
  channel: 'EMAIL' | 'SMS';
  /** Where it went, masked (`e…@example.org`, `…0142`): enough to say "check your e-mail". */
  sentTo: string;
  expiresAt: Date;
}

/**
 * The proof that lets a member of staff link a sign-in to a resident: a one-time code sent to the
 * resident's own primary e-mail (else phone), which the resident reads out to them. Only the
 * member of staff who asked for it may use it; it expires, and wrong entries are counted.
 */
@Injectable()
export class LoginLinkCodesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: ContactVerificationRepository,
    private readonly issuer: CodeIssuer,
    private readonly codes: OneTimeCodes,
    private readonly sender: CodeSender,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  /** `citizenId` must be a current, unerased resident (the caller checks). */
  send(citizenId: string, requestedBy: string): Promise<LoginLinkCodeSent> {
    return this.uow.run(async (tx) => {
      const citizen = await this.repository.lockResident(tx, citizenId);
      const email = this.cipher.decrypt(citizen?.emailEnc ?? null);
      const phone = citizen?.phoneHash ? this.cipher.decrypt(citizen.phoneEnc) : null;
      if (!citizen || (!email && !phone)) {
        throw ContactVerificationException.aboutField(
          ContactVerificationErrorCode.NoContactPoint,
          'citizenId',
          'has no e-mail or phone to send a code to: ask a supervisor to approve a link (requestLoginLink)',
        );
      }
      const kind = email ? 'EMAIL' : 'PHONE';
      await this.issuer.count(
        tx,
        citizenId,
        'LOGIN_LINK',
        email ? citizen.emailHash : citizen.phoneHash,
        'citizenId',
      );
      const row =
        (await this.repository.loginCodeOf(tx, citizenId, requestedBy)) ??
        Object.assign(new LoginLinkCodeEntity(), { id: randomUUID(), citizenId, requestedBy });
      const code = this.codes.generate();
      Object.assign(row, {
        codeHash: this.codes.hash(row.id, code),
        expiresAt: this.codes.expiry(),
        attempts: 0,
      });
      await this.repository.saveLoginCode(tx, row);
      const language = messageLanguage(citizen.preferredLanguage);
      await this.sender.send(
        citizenId,
        kind,
        (email ?? phone)!,
        loginLinkCodeMessage(language, code, this.codes.limits.codeTtlMinutes),
        language,
        'citizenId',
      );
      return {
        channel: kind === 'EMAIL' ? 'EMAIL' : 'SMS',
        sentTo: email ? maskEmail(email) : `…${phone!.slice(-4)}`,
        expiresAt: row.expiresAt,
      };
    });
  }

  /**
   * Checks the code in the caller's transaction: null when it is right (it is then used up), else
   * the refusal to throw after the transaction commits the counted attempt.
   */
  async check(
    tx: Transaction,
    citizenId: string,
    requestedBy: string,
    entered: string,
  ): Promise<ContactVerificationException | null> {
    const row = await this.repository.loginCodeOf(tx, citizenId, requestedBy);
    if (!row) {
      return ContactVerificationException.aboutField(
        ContactVerificationErrorCode.NotPending,
        'code',
        'was not sent to this resident at your request: send one with sendLoginLinkCode',
      );
    }
    if (!row.codeHash) {
      return ContactVerificationException.aboutField(
        ContactVerificationErrorCode.CodeUsedUp,
        'code',
        'was entered wrongly too often: send a new one (sendLoginLinkCode)',
      );
    }
    if (row.expiresAt.getTime() <= Date.now()) {
      return ContactVerificationException.aboutField(
        ContactVerificationErrorCode.CodeExpired,
        'code',
        'has expired: send a new one (sendLoginLinkCode)',
      );
    }
    if (!this.codes.matches(row.id, entered, row.codeHash)) {
      row.attempts += 1;
      const left = this.codes.limits.maxAttempts - row.attempts;
      if (left <= 0) {
        row.codeHash = null;
      }
      await this.repository.saveLoginCode(tx, row);
      return ContactVerificationException.aboutField(
        left <= 0
          ? ContactVerificationErrorCode.CodeUsedUp
          : ContactVerificationErrorCode.CodeWrong,
        'code',
        left <= 0
          ? 'is wrong, and that was the last attempt: send a new one (sendLoginLinkCode)'
          : `is wrong: ${left} attempt${left === 1 ? '' : 's'} left`,
      );
    }
    await this.repository.removeLoginCode(tx, row.id);
    return null;
  }
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}…${email.slice(at)}`;
}
