import { Injectable } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from './contact-verification.exception.js';
import { ContactVerificationRepository } from './contact-verification.repository.js';
import { OneTimeCodes, SEND_WINDOW_MS } from './one-time-codes.js';
import type { CodePurpose } from './verification-code-send.entity.js';

/**
 * Counts a code about to be sent against the rate limits, in the sender's transaction: at most
 * VERIFICATION_CODES_PER_CONTACT_POINT_PER_HOUR to one e-mail or phone (whoever asks) and
 * VERIFICATION_CODES_PER_RESIDENT_PER_HOUR for one resident. Sends to one contact point are
 * serialised, so two at once cannot both take the last one. Each send also prunes what has
 * expired (ADR 0040): a write is where the rows come from, so it is where they go.
 */
@Injectable()
export class CodeIssuer {
  constructor(
    private readonly repository: ContactVerificationRepository,
    private readonly codes: OneTimeCodes,
  ) {}

  async count(
    tx: Transaction,
    citizenId: string,
    purpose: CodePurpose,
    lookupHash: string | null,
    field: string,
  ): Promise<void> {
    if (lookupHash) {
      await this.repository.lockContactPoint(tx, lookupHash);
    }
    const since = new Date(Date.now() - SEND_WINDOW_MS);
    const { sendsPerContactPoint, sendsPerResident } = this.codes.limits;
    const sent = await this.repository.sendsSince(tx, since, citizenId, lookupHash);
    if (sent.toContactPoint >= sendsPerContactPoint) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.TooManyCodes,
        field,
        `has been sent ${sendsPerContactPoint} codes in the last hour: try again later`,
      );
    }
    if (sent.forResident >= sendsPerResident) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.TooManyCodes,
        field,
        `cannot be sent a code: ${sendsPerResident} codes were sent for this resident in the last hour, try again later`,
      );
    }
    await this.repository.recordSend(tx, citizenId, purpose, lookupHash);
    await this.repository.pruneExpired(tx);
  }
}
