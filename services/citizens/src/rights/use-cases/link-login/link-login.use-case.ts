import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenRepository } from '../../../citizens/index.js';
import {
  LoginLinkCodesUseCase,
  type LoginLinkCodeSent,
} from '../../../contact-verification/index.js';
import { PiiAccessAuditRepository } from '../../../privacy/index.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import { RightsErrorCode, RightsException } from '../../rights.exception.js';

/** What the audit log says about linking sign-ins (purpose `link-login: …`). */
export const LINK_LOGIN_FIELDS = ['identityLinks'];

/**
 * Staff tie a resident's sign-in (token subject) to their profile, so `me` finds it. It needs
 * proof that the resident is there and agrees (ADR 0040): the code sent to the resident's own
 * e-mail or phone (`sendLoginLinkCode`), read out by them; without one, a supervisor approves a
 * request (LoginLinkApprovalUseCase). Every link and every refusal is in the audit log.
 */
@Injectable()
export class LinkLoginUseCase {
  private readonly logger = new Logger(LinkLoginUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly links: ResidentLinks,
    private readonly loginCodes: LoginLinkCodesUseCase,
    private readonly audit: PiiAccessAuditRepository,
  ) {}

  /** Sends the resident a code to read out to this member of staff. */
  async sendCode(citizenId: string, actor: Identity): Promise<LoginLinkCodeSent> {
    this.checkCitizenId(citizenId);
    await this.uow.run((tx) => this.currentResident(tx, citizenId));
    const sent = await this.loginCodes.send(citizenId, actor.sub ?? '');
    await this.record(actor, citizenId, 'link-login: code sent to the resident', 'GRANTED');
    return sent;
  }

  async execute(
    citizenId: string,
    sub: string,
    code: string | null | undefined,
    actor: Identity,
  ): Promise<void> {
    this.checkCitizenId(citizenId);
    const subject = this.checkSub(sub);
    if (!code?.trim()) {
      await this.record(actor, citizenId, 'link-login refused: no code', 'DENIED');
      throw new RightsException(
        RightsErrorCode.LoginProofRequired,
        'Linking a sign-in needs the code sent to the resident (sendLoginLinkCode), or a supervisor’s approval (requestLoginLink)',
        [{ field: 'code', reason: 'is required: the code sent to the resident, read out by them' }],
      );
    }
    // A wrong code is returned, not thrown, so the attempt it counts is committed.
    const refusal = await this.uow.run(async (tx) => {
      await this.currentResident(tx, citizenId);
      const wrong = await this.loginCodes.check(tx, citizenId, actor.sub ?? '', code);
      if (wrong) {
        return wrong;
      }
      await this.link(tx, citizenId, subject);
      return null;
    });
    if (refusal) {
      await this.record(actor, citizenId, 'link-login refused: wrong code', 'DENIED');
      throw refusal;
    }
    await this.record(actor, citizenId, 'link-login: code from the resident', 'GRANTED');
    this.logger.log({ msg: 'sign-in linked to resident', citizenId, by: actor.sub, proof: 'code' });
  }

  checkCitizenId(citizenId: string): void {
    if (!isUUID(citizenId)) {
      throw RightsException.invalid('citizenId', 'must be a UUID');
    }
  }

  checkSub(sub: string): string {
    const subject = sub?.trim() ?? '';
    if (!subject || subject.length > 200) {
      throw RightsException.invalid('sub', 'must be 1 to 200 characters');
    }
    return subject;
  }

  /** Locks the resident's row; CITIZEN_NOT_FOUND unless they are current and not erased. */
  async currentResident(tx: Transaction, citizenId: string): Promise<void> {
    const [citizen] = await this.citizens.lockForUpdate(tx, [citizenId]);
    if (!citizen || (await this.citizens.isErased(citizenId, tx))) {
      throw RightsException.notFound('citizenId', citizenId);
    }
    if (citizen.mergedInto) {
      throw RightsException.notFound('citizenId', citizenId, `merged into ${citizen.mergedInto}`);
    }
  }

  /** Links in the caller's transaction (the resident's row locked); LOGIN_ALREADY_LINKED else. */
  async link(tx: Transaction, citizenId: string, subject: string): Promise<void> {
    if (!(await this.links.link(tx, citizenId, subject))) {
      throw new RightsException(
        RightsErrorCode.LoginAlreadyLinked,
        'This sign-in is already linked to another resident',
        [{ field: 'sub', reason: 'already linked to another resident' }],
      );
    }
  }

  record(
    actor: Identity,
    citizenId: string,
    purpose: string,
    outcome: 'GRANTED' | 'DENIED',
  ): Promise<void> {
    return this.audit.append({
      actorSub: actor.sub ?? null,
      actorRoles: [...actor.roles],
      citizenId,
      fields: LINK_LOGIN_FIELDS,
      purpose,
      outcome,
    });
  }
}
