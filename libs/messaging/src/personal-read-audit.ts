import { Injectable } from '@nestjs/common';
import { DomainError, RecordPersonalRead, type PersonalHistoryField } from '@civitas/contracts';
import { BusClient } from './bus.client.js';
import { BusRequestError } from './bus.errors.js';

/**
 * For a service that serves a resident's personal history on `Citizen` (cases, intake): each staff
 * read is written to citizens' audit log, with the caller the request carries, before anything is
 * returned. When citizens cannot record it, the read fails (UNAVAILABLE): no entry, no data.
 */
@Injectable()
export class PersonalReadAudit {
  constructor(private readonly bus: BusClient) {}

  async record(citizenId: string, field: PersonalHistoryField): Promise<void> {
    try {
      await this.bus.request(RecordPersonalRead, { citizenId, fields: [field] });
    } catch (error) {
      if (error instanceof BusRequestError) {
        throw new DomainError(
          'UNAVAILABLE',
          `Reading ${field} is recorded in the audit log first, and that failed (${error.code}); try again`,
          [],
          'unavailable',
        );
      }
      throw error;
    }
  }
}
