import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { hasAnyRole, PII_READER_ROLES, Role, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenRepository } from '../../../citizens/index.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  ConsentEventEntity,
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentSource,
} from '../../consent-event.entity.js';
import type { ConsentEntity } from '../../consent.entity.js';
import { ConsentErrorCode, ConsentException } from '../../consent.exception.js';
import { ConsentRepository } from '../../consent.repository.js';

export interface SetConsentCommand {
  /** Staff name the resident; a resident may leave it out (or give their own id). */
  citizenId?: string | null;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** How the resident told us; a resident acting for themself is always SELF_SERVICE. */
  source?: ConsentSource | null;
  actor: Identity;
}

/** Records a consent given or withdrawn (history) and makes it the current answer. */
@Injectable()
export class SetConsentUseCase {
  private readonly logger = new Logger(SetConsentUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: ConsentRepository,
    private readonly citizens: CitizenRepository,
    private readonly residents: ResidentLinks,
  ) {}

  async execute(command: SetConsentCommand): Promise<ConsentEntity> {
    if (!CONSENT_CHANNELS.includes(command.channel)) {
      throw ConsentException.invalid('channel', `must be one of ${CONSENT_CHANNELS.join(', ')}`);
    }
    if (!CONSENT_PURPOSES.includes(command.purpose)) {
      throw ConsentException.invalid('purpose', `must be one of ${CONSENT_PURPOSES.join(', ')}`);
    }
    if (typeof command.granted !== 'boolean') {
      throw ConsentException.invalid('granted', 'must be true or false');
    }
    const staff = hasAnyRole(command.actor, PII_READER_ROLES);
    return this.uow.run(async (tx) => {
      let citizenId: string;
      let source: ConsentSource;
      if (staff) {
        if (!command.citizenId || !isUUID(command.citizenId)) {
          throw ConsentException.invalid('citizenId', 'must be a UUID');
        }
        if (!command.source || !CONSENT_SOURCES.includes(command.source)) {
          throw ConsentException.invalid(
            'source',
            `must say how the resident told you: one of ${CONSENT_SOURCES.join(', ')}`,
          );
        }
        const citizen = await this.citizens.findById(command.citizenId, tx);
        const erased = citizen && (await this.citizens.isErased(citizen.id, tx));
        if (!citizen || citizen.mergedInto || erased) {
          throw new ConsentException(
            ConsentErrorCode.CitizenNotFound,
            `No current resident ${command.citizenId}`,
            [
              {
                field: 'citizenId',
                reason: citizen?.mergedInto
                  ? `merged into ${citizen.mergedInto}`
                  : 'no such resident',
              },
            ],
          );
        }
        citizenId = citizen.id;
        source = command.source;
      } else if (hasAnyRole(command.actor, [Role.Resident])) {
        const self = await this.residents.citizenOf(command.actor, tx);
        if (command.citizenId && command.citizenId !== self.id) {
          throw new ConsentException(
            ConsentErrorCode.Forbidden,
            'A resident may set only their own consents',
            [{ field: 'citizenId', reason: 'not your profile' }],
          );
        }
        citizenId = self.id;
        source = 'SELF_SERVICE';
      } else {
        throw new ConsentException(
          ConsentErrorCode.Forbidden,
          'Setting consents needs staff or the resident',
        );
      }
      const event = Object.assign(new ConsentEventEntity(), {
        id: randomUUID(),
        citizenId,
        channel: command.channel,
        purpose: command.purpose,
        granted: command.granted,
        source,
        recordedBy: command.actor.sub ?? null,
        at: new Date(),
      });
      await this.consents.record(tx, event);
      this.logger.log({
        msg: 'consent recorded',
        citizenId,
        channel: event.channel,
        purpose: event.purpose,
        granted: event.granted,
      });
      const current = await this.consents.current(citizenId, tx);
      return current.find((c) => c.channel === event.channel && c.purpose === event.purpose)!;
    });
  }
}
