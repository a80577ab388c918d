import { Injectable, Logger } from '@nestjs/common';
import { CitizenErased, type Identity } from '@civitas/contracts';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenRepository } from '../../../citizens/index.js';
import { ContactVerificationRepository } from '../../../contact-verification/index.js';
import { NotificationMailer, NotificationRepository } from '../../../notifications/index.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import { LoginLinkRequestRepository } from '../../login-link-request.repository.js';
import { RightsException } from '../../rights.exception.js';

export interface ErasureResult {
  citizenId: string;
  erasedAt: Date;
  /** Records merged into this one, erased with it. */
  alsoErased: string[];
}

/**
 * Removes a resident's personal data: sealed fields nulled, contact points (verified or not), links
 * and requests to link a sign-in, look-up hashes
 * and blind tokens deleted, notifications sent to them deleted (and their cases' subscriptions no
 * longer name them); the row stays as a tombstone (its id is what other services hold) and
 * `citizen_erasure` says when, by whom and why. Records merged into it go too (they hold the same
 * person's old sealed fields). `citizen-erased` tells intake and cases. In development, the `.eml`
 * files of e-mail sent to them are deleted once the erasure is committed. Running it again changes
 * nothing and announces nothing.
 */
@Injectable()
export class EraseCitizenUseCase {
  private readonly logger = new Logger(EraseCitizenUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly residents: ResidentLinks,
    private readonly notifications: NotificationRepository,
    private readonly mailer: NotificationMailer,
    private readonly verification: ContactVerificationRepository,
    private readonly loginLinkRequests: LoginLinkRequestRepository,
  ) {}

  /** A signed-in resident erasing themself. */
  async eraseSelf(actor: Identity): Promise<ErasureResult> {
    const self = await this.residents.citizenOf(actor);
    return this.execute(self.id, 'requested by the resident', actor);
  }

  async execute(citizenId: string, reason: string, actor: Identity): Promise<ErasureResult> {
    if (!isUUID(citizenId)) {
      throw RightsException.invalid('citizenId', 'must be a UUID');
    }
    const why = reason?.trim() ?? '';
    if (!why || why.length > 1000) {
      throw RightsException.invalid('reason', 'must be 1 to 1000 characters');
    }
    const result = await this.uow.run((tx) => this.within(tx, citizenId, why, actor));
    await this.mailer.forget([result.citizenId, ...result.alsoErased]);
    return result;
  }

  private async within(
    tx: Transaction,
    citizenId: string,
    reason: string,
    actor: Identity,
  ): Promise<ErasureResult> {
    const [citizen] = await this.citizens.lockForUpdate(tx, [citizenId]);
    if (!citizen) {
      throw RightsException.notFound('citizenId', citizenId);
    }
    if (citizen.mergedInto) {
      throw RightsException.notFound(
        'citizenId',
        citizenId,
        `merged into ${citizen.mergedInto}: erase that resident`,
      );
    }
    const done = await this.citizens.erasureOf(citizenId, tx);
    if (done) {
      return { citizenId, erasedAt: done.erasedAt, alsoErased: [] };
    }
    const ids = [citizenId, ...(await this.citizens.mergedInto(tx, citizenId))];
    const erasedAt = new Date();
    await this.citizens.erasePersonalData(tx, ids);
    await this.notifications.forgetResidents(tx, ids);
    await this.verification.forgetResidents(tx, ids);
    await this.loginLinkRequests.forgetResidents(tx, ids);
    await this.citizens.recordErasure(tx, ids, { erasedAt, erasedBy: actor.sub ?? null, reason });
    for (const id of ids) {
      await tx.emit(CitizenErased, { citizenId: id, erasedAt: erasedAt.toISOString() });
    }
    this.logger.log({ msg: 'resident erased', citizenId, records: ids.length, by: actor.sub });
    return { citizenId, erasedAt, alsoErased: ids.slice(1) };
  }
}
