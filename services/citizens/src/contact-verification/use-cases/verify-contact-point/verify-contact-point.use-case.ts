import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@civitas/messaging';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from '../../contact-verification.exception.js';
import { ContactVerificationRepository } from '../../contact-verification.repository.js';
import { OneTimeCodes } from '../../one-time-codes.js';
import { ClaimContactPointUseCase } from '../claim-contact-point/claim-contact-point.use-case.js';

/**
 * The resident enters the code sent to an unverified contact point: right and in time, it becomes
 * a contact point (matched on, told about their reports); wrong, the attempt is counted, and the
 * `VERIFICATION_CODE_MAX_ATTEMPTS`-th wrong one voids the code.
 */
@Injectable()
export class VerifyContactPointUseCase {
  private readonly logger = new Logger(VerifyContactPointUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: ContactVerificationRepository,
    private readonly claims: ClaimContactPointUseCase,
    private readonly codes: OneTimeCodes,
  ) {}

  async execute(
    citizenId: string,
    input: { kind: string; value: string; code: string },
  ): Promise<void> {
    const value = this.claims.claimable(input, 'value');
    if (typeof input.code !== 'string' || input.code.trim() === '') {
      throw ContactVerificationException.invalid('code', 'is required');
    }
    // A refusal is returned, not thrown, so the attempt it counts is committed.
    const refusal = await this.uow.run(async (tx) => {
      const citizen = await this.repository.lockResident(tx, citizenId);
      const claim = citizen
        ? await this.repository.claimOf(tx, citizenId, value.kind, value.hash)
        : null;
      if (!citizen || !claim) {
        return ContactVerificationException.aboutField(
          ContactVerificationErrorCode.NotPending,
          'value',
          'is not an unverified contact point of yours',
        );
      }
      if (!claim.codeHash) {
        return ContactVerificationException.aboutField(
          ContactVerificationErrorCode.CodeUsedUp,
          'code',
          'was entered wrongly too often: ask for a new one (resendContactPointCode)',
        );
      }
      if (!claim.codeExpiresAt || claim.codeExpiresAt.getTime() <= Date.now()) {
        return ContactVerificationException.aboutField(
          ContactVerificationErrorCode.CodeExpired,
          'code',
          'has expired: ask for a new one (resendContactPointCode)',
        );
      }
      if (!this.codes.matches(claim.id, input.code, claim.codeHash)) {
        claim.attempts += 1;
        const left = this.codes.limits.maxAttempts - claim.attempts;
        if (left <= 0) {
          claim.codeHash = null;
        }
        await this.repository.saveClaim(tx, claim);
        return left <= 0
          ? ContactVerificationException.aboutField(
              ContactVerificationErrorCode.CodeUsedUp,
              'code',
              'is wrong, and that was the last attempt: ask for a new one (resendContactPointCode)',
            )
          : ContactVerificationException.aboutField(
              ContactVerificationErrorCode.CodeWrong,
              'code',
              `is wrong: ${left} attempt${left === 1 ? '' : 's'} left`,
            );
      }
      await this.repository.promote(tx, citizen, claim);
      return null;
    });
    if (refusal) {
      throw refusal;
    }
    this.logger.log({ msg: 'contact point verified', citizenId, kind: value.kind });
  }
}
