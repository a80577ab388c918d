import { Injectable } from '@nestjs/common';
import type { CitizenEntity } from '../citizens/citizen.entity.js';
import { ConsentReader as RecordedConsents } from '../consents/consent-reader.js';
import { ConsentRepository } from '../consents/consent.repository.js';
import { ContactGivenConsentReader, type ConsentReader } from './consent-reader.js';
import type { NotificationChannel } from './templates.js';

/**
 * Consent to status updates as recorded by the consents feature, where the resident gave or
 * withdrew it for a channel; where nothing is recorded, the contact they gave (ADR 0017).
 */
@Injectable()
export class RecordedConsentReader implements ConsentReader {
  constructor(
    private readonly given: ContactGivenConsentReader,
    private readonly consents: ConsentRepository,
    private readonly recorded: RecordedConsents,
  ) {}

  async caseUpdateChannels(citizen: CitizenEntity): Promise<NotificationChannel[]> {
    const allowed: NotificationChannel[] = [];
    for (const channel of await this.given.caseUpdateChannels(citizen)) {
      const answer = await this.consents.findOne(citizen.id, channel, 'STATUS_UPDATES');
      if (!answer || (await this.recorded.mayContact(citizen.id, channel, 'STATUS_UPDATES'))) {
        allowed.push(channel);
      }
    }
    return allowed;
  }
}
