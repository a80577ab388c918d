import { Inject, Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EmailReplyRepository } from '../email/index.js';
import { SubmissionEntity } from '../submissions/index.js';
import { ErasedCitizenEntity } from './erased-citizen.entity.js';

/** What an erased submission's sealed payload becomes: an empty object, sealed like any payload. */
const BLANK_PAYLOAD = '{}';

@Injectable()
export class CitizenDataRepository extends TransactionalRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    private readonly emailReplies: EmailReplyRepository,
  ) {
    super();
  }

  /** The resident's submissions, unsealed for them, oldest first (payload null once erased). */
  async submissionsOf(citizenId: string): Promise<Record<string, unknown>[]> {
    const manager = this.dataSource.manager;
    const [rows, erased] = await Promise.all([
      manager.find(SubmissionEntity, {
        where: { citizenId },
        order: { receivedAt: 'ASC', id: 'ASC' },
      }),
      manager.existsBy(ErasedCitizenEntity, { citizenId }),
    ]);
    return rows.map((s) => ({
      ticketNumber: s.ticketNumber,
      channel: s.channel,
      serviceCode: s.serviceCode,
      receivedAt: s.receivedAt.toISOString(),
      emergency: s.emergency,
      payload: erased ? null : (JSON.parse(this.cipher.decrypt(s.payloadSealed)) as unknown),
    }));
  }

  /**
   * Blanks the sealed payload of every submission of the resident, and remembers the erasure.
   * Returns the submissions blanked.
   */
  async erase(tx: Transaction, citizenId: string, erasedAt: Date): Promise<string[]> {
    const manager = this.managerOf(tx);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ErasedCitizenEntity)
      .values({ citizenId, erasedAt })
      .orIgnore()
      .execute();
    const rows = await manager.find(SubmissionEntity, {
      where: { citizenId },
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    await this.blank(tx, ids);
    return ids;
  }

  /** A submission attributed to an already erased resident (a late `case-opened`) is blanked too. */
  async eraseIfErased(tx: Transaction, submissionId: string, citizenId: string): Promise<boolean> {
    const manager = this.managerOf(tx);
    if (!(await manager.existsBy(ErasedCitizenEntity, { citizenId }))) {
      return false;
    }
    await this.blank(tx, [submissionId]);
    return true;
  }

  private async blank(tx: Transaction, ids: string[]): Promise<void> {
    const manager = this.managerOf(tx);
    if (ids.length > 0) {
      await manager.update(
        SubmissionEntity,
        { id: In(ids) },
        { payloadSealed: this.cipher.encrypt(BLANK_PAYLOAD) },
      );
      // The published `submission-accepted` envelopes still in the outbox (kept a few days after
      // publishing) carry the reporter's contact, sealed (or in clear, from before ADR 0023): it
      // goes too. Unpublished ones are left to go out.
      await manager.query(
        `UPDATE outbox SET envelope = envelope #- '{payload,reporter}' #- '{payload,reporterSealed}'
         WHERE published_at IS NOT NULL
           AND (envelope->'payload' ? 'reporter' OR envelope->'payload' ? 'reporterSealed')
           AND envelope->'payload'->>'submissionId' = ANY($1::text[])`,
        [ids],
      );
      // A reply still owed by e-mail (or failed and kept for staff to send again) holds the
      // resident's address and words: it is dropped unsent (docs/adr/0021).
      await this.emailReplies.dropForSubmissions(tx, ids);
    }
  }
}
