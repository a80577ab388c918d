import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EmailReplyEntity } from './email-reply.entity.js';
import type { OutgoingReply } from './reply-sender.js';

/** A queued reply claimed for one attempt, its message unsealed. */
export interface ClaimedReply {
  id: string;
  ticketNumber: string;
  attempts: number;
  message: OutgoingReply;
}

/** An undecryptable or malformed row: it can never be sent. */
export interface UnreadableReply {
  id: string;
  ticketNumber: string;
  attempts: number;
  error: string;
}

@Injectable()
export class EmailReplyRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  /**
   * Queues a reply, due now, in the caller's transaction. With an idempotency key already queued
   * (the relay delivered the same message again) nothing is added.
   */
  async queue(
    manager: EntityManager,
    ticketNumber: string,
    message: OutgoingReply,
    idempotencyKey: string | null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EmailReplyEntity)
      .values({
        id: randomUUID(),
        ticketNumber,
        idempotencyKey,
        messageSealed: this.cipher.encrypt(JSON.stringify(message)),
        status: 'QUEUED',
        attempts: 0,
        nextAttemptAt: () => 'now()',
      })
      .orIgnore()
      .execute();
  }

  /** Queues a reply in a transaction of its own (when there is no local change to go with it). */
  queueAlone(ticketNumber: string, message: OutgoingReply, idempotencyKey: string | null) {
    return this.dataSource.transaction((manager) =>
      this.queue(manager, ticketNumber, message, idempotencyKey),
    );
  }

  /**
   * Claims up to `limit` due replies for one attempt each: the attempt is counted and the row
   * leased for `leaseMs` (so another replica, or this one after a crash, tries it again only once
   * the lease is over). `FOR UPDATE SKIP LOCKED` lets replicas claim side by side.
   */
  async claimDue(
    limit: number,
    leaseMs: number,
  ): Promise<{ claimed: ClaimedReply[]; unreadable: UnreadableReply[] }> {
    const rows = (await this.dataSource.query(
      `UPDATE email_reply
          SET attempts = attempts + 1,
              next_attempt_at = now() + $2 * interval '1 millisecond',
              updated_at = now()
        WHERE id IN (SELECT id FROM email_reply
                      WHERE status = 'QUEUED' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at
                      LIMIT $1
                      FOR UPDATE SKIP LOCKED)
        RETURNING id, ticket_number, attempts, message_sealed`,
      [limit, leaseMs],
    )) as [
      { id: string; ticket_number: string; attempts: number; message_sealed: string | null }[],
      number,
    ];
    const claimed: ClaimedReply[] = [];
    const unreadable: UnreadableReply[] = [];
    for (const row of rows[0]) {
      const base = { id: row.id, ticketNumber: row.ticket_number, attempts: row.attempts };
      try {
        claimed.push({
          ...base,
          message: JSON.parse(this.cipher.decrypt(row.message_sealed ?? '')) as OutgoingReply,
        });
      } catch (error) {
        unreadable.push({ ...base, error: (error as Error).message });
      }
    }
    return { claimed, unreadable };
  }

  /** Sent: the message (personal data) is dropped, the outcome kept. */
  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_reply
          SET status = 'SENT', sent_at = now(), next_attempt_at = NULL, message_sealed = NULL,
              last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'QUEUED'`,
      [id],
    );
  }

  /** Failed for good: the message is dropped, the reason kept for operators. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_reply
          SET status = 'FAILED', next_attempt_at = NULL, message_sealed = NULL, last_error = $2,
              updated_at = now()
        WHERE id = $1 AND status = 'QUEUED'`,
      [id, error],
    );
  }

  /** Failed this time: tried again after `delayMs`. */
  async retryLater(id: string, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_reply
          SET next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $2,
              updated_at = now()
        WHERE id = $1 AND status = 'QUEUED'`,
      [id, error, delayMs],
    );
  }
}
