import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { LoginLinkRequestEntity } from '../../login-link-request.entity.js';
import { LoginLinkRequestRepository } from '../../login-link-request.repository.js';
import { RightsErrorCode, RightsException } from '../../rights.exception.js';
import { LinkLoginUseCase } from './link-login.use-case.js';

/**
 * Linking a sign-in without the resident's code: a member of staff asks, giving a reason, and a
 * supervisor or admin other than them approves or rejects (ADR 0040). Both steps are audited.
 */
@Injectable()
export class LoginLinkApprovalUseCase {
  private readonly logger = new Logger(LoginLinkApprovalUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: LoginLinkRequestRepository,
    private readonly linkLogin: LinkLoginUseCase,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async request(
    citizenId: string,
    sub: string,
    reason: string,
    actor: Identity,
  ): Promise<LoginLinkRequestEntity> {
    this.linkLogin.checkCitizenId(citizenId);
    const subject = this.linkLogin.checkSub(sub);
    const why = reason?.trim() ?? '';
    if (!why || why.length > 1000) {
      throw RightsException.invalid('reason', 'must be 1 to 1000 characters');
    }
    const request = Object.assign(new LoginLinkRequestEntity(), {
      id: randomUUID(),
      citizenId,
      subEnc: this.cipher.encrypt(subject)!,
      requestedBy: actor.sub ?? '',
      reason: why,
      status: 'PENDING',
      decidedBy: null,
      decidedAt: null,
      createdAt: new Date(),
    });
    await this.uow.run(async (tx) => {
      await this.linkLogin.currentResident(tx, citizenId);
      await this.requests.add(tx, request);
    });
    await this.linkLogin.record(
      actor,
      citizenId,
      `link-login requested for approval: ${why}`,
      'GRANTED',
    );
    return request;
  }

  pending(limit = 100): Promise<LoginLinkRequestEntity[]> {
    return this.requests.pending(limit);
  }

  async decide(id: string, approve: boolean, actor: Identity): Promise<LoginLinkRequestEntity> {
    if (!isUUID(id)) {
      throw RightsException.invalid('id', 'must be a UUID');
    }
    const decided = await this.uow.run(async (tx) => {
      const request = await this.requests.lock(tx, id);
      if (!request) {
        throw new RightsException(
          RightsErrorCode.LoginLinkRequestNotFound,
          `No login link request ${id}`,
          [{ field: 'id', reason: 'no such request' }],
        );
      }
      if (request.status !== 'PENDING') {
        throw new RightsException(
          RightsErrorCode.LoginLinkRequestDecided,
          `Login link request ${id} is already ${request.status.toLowerCase()}`,
          [{ field: 'id', reason: `already ${request.status.toLowerCase()}` }],
        );
      }
      if (request.requestedBy === (actor.sub ?? '')) {
        throw new RightsException(
          RightsErrorCode.LoginLinkOwnRequest,
          'A request is decided by someone other than who made it',
          [{ field: 'id', reason: 'is your own request: another supervisor or admin decides' }],
        );
      }
      if (approve) {
        await this.linkLogin.currentResident(tx, request.citizenId);
        await this.linkLogin.link(tx, request.citizenId, this.cipher.decrypt(request.subEnc)!);
      }
      Object.assign(request, {
        status: approve ? 'APPROVED' : 'REJECTED',
        decidedBy: actor.sub ?? null,
        decidedAt: new Date(),
      });
      await this.requests.decide(tx, request);
      return request;
    });
    await this.linkLogin.record(
      actor,
      decided.citizenId,
      `link-login ${approve ? 'approved' : 'rejected'} (requested by ${decided.requestedBy}: ${decided.reason})`,
      approve ? 'GRANTED' : 'DENIED',
    );
    this.logger.log({
      msg: approve ? 'sign-in linked on approval' : 'sign-in link rejected',
      citizenId: decided.citizenId,
      by: actor.sub,
      requestedBy: decided.requestedBy,
    });
    return decided;
  }
}
