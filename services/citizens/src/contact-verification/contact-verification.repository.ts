import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';
import type { CitizenEntity } from '../citizens/index.js';
import { CitizenRepository } from '../citizens/index.js';
import { ContactPointEntity } from '../citizens/index.js';
import { ContactPointClaimEntity } from './contact-point-claim.entity.js';
import { LoginLinkCodeEntity } from './login-link-code.entity.js';
import { VerificationCodeSendEntity, type CodePurpose } from './verification-code-send.entity.js';

/** How long expired claims, codes and counted sends are kept before a write prunes them. */
const PRUNE_AFTER = "interval '1 day'";
/** Rows of each table one write deletes at most. */
const PRUNE_BATCH = 500;

// First key of the advisory locks that serialise code sends to one contact point.
const CODE_SEND_LOCK_SPACE = 0x0c1714;

/** Unverified contact points, one-time codes and the sends they are counted by (ADR 0040). */
@Injectable()
export class ContactVerificationRepository extends TransactionalRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: CitizenRepository,
  ) {
    super();
  }

  /** The resident's row, locked until the transaction ends (null when there is none). */
  async lockResident(tx: Transaction, citizenId: string): Promise<CitizenEntity | null> {
    const [citizen] = await this.citizens.lockForUpdate(tx, [citizenId]);
    return citizen ?? null;
  }

  /** Serialises sends to one contact point (its look-up hash) until the transaction ends. */
  async lockContactPoint(tx: Transaction, lookupHash: string): Promise<void> {
    await this.managerOf(tx).query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      CODE_SEND_LOCK_SPACE,
      lookupHash,
    ]);
  }

  /** Codes sent since `since` to this contact point (by anyone) and for this resident. */
  async sendsSince(
    tx: Transaction,
    since: Date,
    citizenId: string,
    lookupHash: string | null,
  ): Promise<{ toContactPoint: number; forResident: number }> {
    const manager = this.managerOf(tx);
    const [toContactPoint, forResident] = await Promise.all([
      lookupHash
        ? manager.countBy(VerificationCodeSendEntity, {
            lookupHash,
            sentAt: MoreThanOrEqual(since),
          })
        : Promise.resolve(0),
      manager.countBy(VerificationCodeSendEntity, { citizenId, sentAt: MoreThanOrEqual(since) }),
    ]);
    return { toContactPoint, forResident };
  }

  async recordSend(
    tx: Transaction,
    citizenId: string,
    purpose: CodePurpose,
    lookupHash: string | null,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.insert(VerificationCodeSendEntity, {
      id: randomUUID(),
      citizenId,
      purpose,
      lookupHash,
    });
  }

  /**
   * Deletes what expired more than a day ago (ADR 0040): claims whose code expired (a resident who
   * came back within the day still sees it and may ask for another code), sign-in link codes,
   * and counted sends (only the last hour is counted). Rows another transaction holds are left
   * for the next write, and each write deletes a bounded number, so pruning never waits or piles
   * up work on one request.
   */
  async pruneExpired(tx: Transaction): Promise<void> {
    const manager = this.managerOf(tx);
    for (const [table, expired] of [
      ['contact_point_claim', `coalesce(code_expires_at, created_at) < now() - ${PRUNE_AFTER}`],
      ['login_link_code', `expires_at < now() - ${PRUNE_AFTER}`],
      ['verification_code_send', `sent_at < now() - ${PRUNE_AFTER}`],
    ]) {
      await manager.query(
        `DELETE FROM ${table} WHERE id IN (
           SELECT id FROM ${table} WHERE ${expired} LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`,
      );
    }
  }

  /** The resident's claim of this contact point, locked. */
  claimOf(
    tx: Transaction,
    citizenId: string,
    kind: ContactPointClaimEntity['kind'],
    lookupHash: string,
  ): Promise<ContactPointClaimEntity | null> {
    return this.managerOf(tx)
      .createQueryBuilder(ContactPointClaimEntity, 'c')
      .setLock('pessimistic_write')
      .where({ citizenId, kind, lookupHash })
      .getOne();
  }

  async saveClaim(tx: Transaction, claim: ContactPointClaimEntity): Promise<void> {
    await this.managerOf(tx).save(ContactPointClaimEntity, claim);
  }

  async removeClaims(tx: Transaction, citizenId: string, lookupHashes: string[]): Promise<void> {
    if (lookupHashes.length > 0) {
      await this.managerOf(tx).delete(ContactPointClaimEntity, {
        citizenId,
        lookupHash: In(lookupHashes),
      });
    }
  }

  /** A resident's unverified contact points, oldest first. */
  claimsOf(citizenId: string): Promise<ContactPointClaimEntity[]> {
    // As contact points are listed: those added together, e-mails first.
    return this.dataSource.manager.find(ContactPointClaimEntity, {
      where: { citizenId },
      order: { createdAt: 'ASC', kind: 'ASC', id: 'ASC' },
    });
  }

  /** Current residents other than `citizenId` holding this e-mail or phone as a contact point. */
  async holdersOf(
    kind: ContactPointEntity['kind'],
    lookupHash: string,
    citizenId: string,
  ): Promise<CitizenEntity[]> {
    const found = await this.citizens.findAllByContactHash(kind, lookupHash, 10);
    return found.filter((c) => c.id !== citizenId);
  }

  /** The resident's contact points (in the transaction). */
  contactPointsOf(tx: Transaction, citizenId: string): Promise<ContactPointEntity[]> {
    return this.citizens.contactPoints(citizenId, tx);
  }

  /**
   * The proven claim becomes a contact point (and the primary e-mail or phone when the resident
   * had none); the claim goes.
   */
  async promote(
    tx: Transaction,
    citizen: CitizenEntity,
    claim: ContactPointClaimEntity,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    const points = await this.citizens.contactPoints(citizen.id, tx);
    if (!points.some((p) => p.kind === claim.kind && p.lookupHash === claim.lookupHash)) {
      await this.citizens.insertContactPoints(tx, [
        Object.assign(new ContactPointEntity(), {
          id: randomUUID(),
          citizenId: citizen.id,
          kind: claim.kind,
          valueEnc: claim.valueEnc,
          lookupHash: claim.lookupHash,
        }),
      ]);
    }
    const primary =
      claim.kind === 'EMAIL'
        ? citizen.emailEnc === null && { emailEnc: claim.valueEnc, emailHash: claim.lookupHash }
        : citizen.phoneEnc === null && { phoneEnc: claim.valueEnc, phoneHash: claim.lookupHash };
    if (primary) {
      await this.citizens.update(tx, citizen.id, primary);
    }
    await manager.delete(ContactPointClaimEntity, { id: claim.id });
  }

  /** The live login code this member of staff asked for, locked. */
  loginCodeOf(
    tx: Transaction,
    citizenId: string,
    requestedBy: string,
  ): Promise<LoginLinkCodeEntity | null> {
    return this.managerOf(tx)
      .createQueryBuilder(LoginLinkCodeEntity, 'l')
      .setLock('pessimistic_write')
      .where({ citizenId, requestedBy })
      .getOne();
  }

  async saveLoginCode(tx: Transaction, code: LoginLinkCodeEntity): Promise<void> {
    await this.managerOf(tx).save(LoginLinkCodeEntity, code);
  }

  async removeLoginCode(tx: Transaction, id: string): Promise<void> {
    await this.managerOf(tx).delete(LoginLinkCodeEntity, { id });
  }

  /** Erasure: everything held here about these residents goes, in the erasure's transaction. */
  async forgetResidents(tx: Transaction, citizenIds: string[]): Promise<void> {
    if (citizenIds.length === 0) {
      return;
    }
    const manager = this.managerOf(tx);
    await manager.delete(ContactPointClaimEntity, { citizenId: In(citizenIds) });
    await manager.delete(LoginLinkCodeEntity, { citizenId: In(citizenIds) });
    await manager.delete(VerificationCodeSendEntity, { citizenId: In(citizenIds) });
  }
}
