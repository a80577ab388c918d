import { Injectable } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from './contact-verification.exception.js';
import { ContactVerificationRepository } from './contact-verification.repository.js';
import { SEND_WINDOW_MS, SENDS_PER_CONTACT_POINT, SENDS_PER_RESIDENT } from './one-time-codes.js';
import type { CodePurpose } from './verification-code-send.entity.js';

/**
 * Counts a code about to be sent against the rate limits, in the sender's transaction: at most
 * SENDS_PER_CONTACT_POINT to one e-mail or phone (whoever asks) and SENDS_PER_RESIDENT for one
 * resident in an hour. Sends to one contact point are serialised, so two at once cannot both
 * take the last one.
 */
@Injectable()
export class CodeIssuer {
  constructor(private readonly repository: ContactVerificationRepository) {}

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
    const sent = await this.repository.sendsSince(tx, since, citizenId, lookupHash);
    if (sent.toContactPoint >= SENDS_PER_CONTACT_POINT) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.TooManyCodes,
        field,
        `has been sent ${SENDS_PER_CONTACT_POINT} codes in the last hour: try again later`,
      );
    }
    if (sent.forResident >= SENDS_PER_RESIDENT) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.TooManyCodes,
        field,
        `cannot be sent a code: ${SENDS_PER_RESIDENT} codes were sent for this resident in the last hour, try again later`,
      );
    }
    await this.repository.recordSend(tx, citizenId, purpose, lookupHash);
  }
}
