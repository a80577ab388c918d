import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenRepository } from '../../../citizens/index.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import { RightsErrorCode, RightsException } from '../../rights.exception.js';

/** Staff tie a resident's sign-in (token subject) to their profile, so `me` finds it. */
@Injectable()
export class LinkLoginUseCase {
  private readonly logger = new Logger(LinkLoginUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly links: ResidentLinks,
  ) {}

  async execute(citizenId: string, sub: string, actor: Identity): Promise<void> {
    if (!isUUID(citizenId)) {
      throw RightsException.invalid('citizenId', 'must be a UUID');
    }
    const subject = sub?.trim() ?? '';
    if (!subject || subject.length > 200) {
      throw RightsException.invalid('sub', 'must be 1 to 200 characters');
    }
    await this.uow.run(async (tx) => {
      const [citizen] = await this.citizens.lockForUpdate(tx, [citizenId]);
      if (!citizen || (await this.citizens.isErased(citizenId, tx))) {
        throw RightsException.notFound('citizenId', citizenId);
      }
      if (citizen.mergedInto) {
        throw RightsException.notFound('citizenId', citizenId, `merged into ${citizen.mergedInto}`);
      }
      if (!(await this.links.link(tx, citizenId, subject))) {
        throw new RightsException(
          RightsErrorCode.LoginAlreadyLinked,
          'This sign-in is already linked to another resident',
          [{ field: 'sub', reason: 'already linked to another resident' }],
        );
      }
    });
    this.logger.log({ msg: 'sign-in linked to resident', citizenId, by: actor.sub });
  }
}
