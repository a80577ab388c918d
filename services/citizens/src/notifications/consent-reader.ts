import { Injectable } from '@nestjs/common';
import type { CitizenEntity } from '../citizens/citizen.entity.js';
import { NotificationChannel } from './templates.js';

/**
 * Which channels a resident agreed to be told about their cases on, most preferred first.
 * Bound to `CONSENT_READER` (the recorded consents over this default: `RecordedConsentReader`).
 */
export interface ConsentReader {
  caseUpdateChannels(citizen: CitizenEntity): Promise<NotificationChannel[]>;
}

export const CONSENT_READER = Symbol('CONSENT_READER');

/**
 * Where no consent is recorded: a resident who gave an e-mail address may be told by e-mail, one who
 * gave a phone number by SMS (e-mail first when both). See docs/notifications.md, ADR 0017.
 */
@Injectable()
export class ContactGivenConsentReader implements ConsentReader {
  caseUpdateChannels(citizen: CitizenEntity): Promise<NotificationChannel[]> {
    const channels: NotificationChannel[] = [];
    if (citizen.emailEnc) {
      channels.push(NotificationChannel.Email);
    }
    if (citizen.phoneEnc) {
      channels.push(NotificationChannel.Sms);
    }
    return Promise.resolve(channels);
  }
}
