import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { CitizenRepository } from '../citizens/citizen.repository.js';
import { CitizenErasureEntity } from '../rights/citizen-erasure.entity.js';
import type { ConsentChannel, ConsentPurpose } from './consent-event.entity.js';
import { ConsentRepository } from './consent.repository.js';

/**
 * What other features (notifications) ask before contacting a resident. Opt-in: no recorded
 * answer means no; an erased resident is never contacted. Merges count: a merged-away id answers
 * for its survivor, and the survivor's answer is the latest given on any of its records.
 */
@Injectable()
export class ConsentReader {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly citizens: CitizenRepository,
    private readonly dataSource: DataSource,
  ) {}

  async mayContact(
    citizenId: string,
    channel: ConsentChannel,
    purpose: ConsentPurpose,
  ): Promise<boolean> {
    if (!isUUID(citizenId)) {
      return false;
    }
    // A record merged away answers for the resident it now belongs to.
    const current = await this.citizens.followMerges(this.dataSource.manager, citizenId);
    if (!current) {
      return false;
    }
    const [consent, erased] = await Promise.all([
      this.consents.findOne(current.id, channel, purpose),
      this.dataSource.manager.existsBy(CitizenErasureEntity, { citizenId: current.id }),
    ]);
    return !erased && consent?.granted === true;
  }
}
