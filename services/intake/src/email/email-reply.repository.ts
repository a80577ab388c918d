import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EmailReplyEntity, type EmailReplyStatus } from './email-reply.entity.js';
import type { OutgoingReply } from './reply-sender.js';

/** Why a reply owed to an erased resident was never sent. */
export const ERASED_BEFORE_SENT = 'not sent: the resident asked to be erased';

/** A queued reply claimed for one attempt, its message unsealed. */
export interface ClaimedReply {
  id: string;
  ticketNumber: string;
  /** The submission the reply announces; null for a message added to an existing case. */
  submissionId: string | null;
  attempts: number;
  message: OutgoingReply;
}

/** A failed reply as staff see it: no recipient, no text. */
export interface FailedReplyRow {
  id: string;
  ticketNumber: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date;
  createdAt: Date;
  /** Whether the sealed message is still kept, so the reply can be sent again. */
  messageKept: boolean;
  /** Position in the newest-first list (`failed_at` in microseconds since 1970, and id). */
  position: FailedReplyPosition;
}

/** Where a page of failed replies ends; the next page starts after it. */
export interface FailedReplyPosition {
  failedAtMicros: string;
  id: string;
}

/** A reply put back in the queue by staff. */
export interface RequeuedReply {
  id: string;
  ticketNumber: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

interface FailedReplySqlRow {
  id: string;
  ticket_number: string;
  attempts: number;
  last_error: string | null;
  failed_at: Date;
  created_at: Date;
  message_kept: boolean;
  failed_at_micros: string;
}

/** An undecryptable or malformed row: it can never be sent. */
export interface UnreadableReply {
  id: string;
  ticketNumber: string;
  attempts: number;
  error: string;
}

@Injectable()
export class EmailReplyRepository extends TransactionalRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {
    super();
  }

  /**
   * Queues a reply, due now, in the caller's transaction. With an idempotency key already queued
   * (the relay delivered the same message again) nothing is added.
   */
  async queue(
    tx: Transaction,
    ticketNumber: string,
    message: OutgoingReply,
    idempotencyKey: string | null,
    submissionId: string | null = null,
  ): Promise<void> {
    await this.insertReply(this.managerOf(tx), ticketNumber, message, idempotencyKey, submissionId);
  }

  /** Queues a reply in a transaction of its own (when there is no local change to go with it). */
  queueAlone(ticketNumber: string, message: OutgoingReply, idempotencyKey: string | null) {
    return this.dataSource.transaction((manager) =>
      this.insertReply(manager, ticketNumber, message, idempotencyKey, null),
    );
  }

  private async insertReply(
    manager: EntityManager,
    ticketNumber: string,
    message: OutgoingReply,
    idempotencyKey: string | null,
    submissionId: string | null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EmailReplyEntity)
      .values({
        id: randomUUID(),
        ticketNumber,
        idempotencyKey,
        submissionId,
        messageSealed: this.cipher.encrypt(JSON.stringify(message)),
        status: 'QUEUED',
        attempts: 0,
        nextAttemptAt: () => 'now()',
      })
      .orIgnore()
      .execute();
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
        RETURNING id, ticket_number, submission_id, attempts, message_sealed`,
      [limit, leaseMs],
    )) as [
      {
        id: string;
        ticket_number: string;
        submission_id: string | null;
        attempts: number;
        message_sealed: string | null;
      }[],
      number,
    ];
    const claimed: ClaimedReply[] = [];
    const unreadable: UnreadableReply[] = [];
    for (const row of rows[0]) {
      const base = { id: row.id, ticketNumber: row.ticket_number, attempts: row.attempts };
      try {
        claimed.push({
          ...base,
          submissionId: row.submission_id,
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

  /**
   * Failed for good: the reason is kept for staff, and the sealed message too when `keepMessage`
   * (so staff may send it again until `dropExpiredMessages` removes it).
   */
  async markFailed(id: string, error: string, keepMessage: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_reply
          SET status = 'FAILED', next_attempt_at = NULL, last_error = $2, failed_at = now(),
              message_sealed = CASE WHEN $3 THEN message_sealed END, updated_at = now()
        WHERE id = $1 AND status = 'QUEUED'`,
      [id, error, keepMessage],
    );
  }

  /** Drops the sealed message of replies failed more than `keepDays` ago; returns how many. */
  async dropExpiredMessages(keepDays: number): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE email_reply SET message_sealed = NULL, updated_at = now()
        WHERE status = 'FAILED' AND message_sealed IS NOT NULL
          AND failed_at <= now() - $1 * interval '1 day'`,
      [keepDays],
    )) as [unknown[], number];
    return count;
  }

  /** Failed replies, newest failure first, starting after `after`; `limit` at most. */
  async failed(limit: number, after: FailedReplyPosition | null): Promise<FailedReplyRow[]> {
    const params: unknown[] = [limit];
    let from = '';
    if (after) {
      params.push(after.failedAtMicros, after.id);
      from = `AND (failed_at, id) <
                  (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT id, ticket_number, attempts, last_error, failed_at, created_at,
              message_sealed IS NOT NULL AS message_kept,
              (extract(epoch FROM failed_at) * 1000000)::bigint::text AS failed_at_micros
         FROM email_reply
        WHERE status = 'FAILED' ${from}
        ORDER BY failed_at DESC, id DESC
        LIMIT $1`,
      params,
    )) as FailedReplySqlRow[];
    return rows.map((row) => ({
      id: row.id,
      ticketNumber: row.ticket_number,
      attempts: row.attempts,
      lastError: row.last_error,
      failedAt: row.failed_at,
      createdAt: row.created_at,
      messageKept: row.message_kept,
      position: { failedAtMicros: row.failed_at_micros, id: row.id },
    }));
  }

  /** A reply's state, to explain why it cannot be sent again. */
  async stateOf(id: string): Promise<{ status: EmailReplyStatus; messageKept: boolean } | null> {
    const rows = (await this.dataSource.query(
      `SELECT status, message_sealed IS NOT NULL AS message_kept FROM email_reply WHERE id = $1`,
      [id],
    )) as { status: EmailReplyStatus; message_kept: boolean }[];
    return rows[0] ? { status: rows[0].status, messageKept: rows[0].message_kept } : null;
  }

  /**
   * Puts a failed reply whose message is still kept back in the queue, due now, its attempts
   * counted afresh; null when the reply is not (or no longer) such a reply.
   */
  async requeueFailed(id: string): Promise<RequeuedReply | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE email_reply
          SET status = 'QUEUED', attempts = 0, next_attempt_at = now(), failed_at = NULL,
              updated_at = now()
        WHERE id = $1 AND status = 'FAILED' AND message_sealed IS NOT NULL
        RETURNING id, ticket_number, attempts, last_error, created_at`,
      [id],
    )) as [
      {
        id: string;
        ticket_number: string;
        attempts: number;
        last_error: string | null;
        created_at: Date;
      }[],
      number,
    ];
    const row = rows[0];
    return row
      ? {
          id: row.id,
          ticketNumber: row.ticket_number,
          attempts: row.attempts,
          lastError: row.last_error,
          createdAt: row.created_at,
        }
      : null;
  }

  /**
   * The residents of these submissions were erased: replies to them still owed, or failed and
   * kept, lose their message and are not sent (a reply being sent at this very moment may still
   * go out). Returns how many were dropped.
   */
  async dropForSubmissions(tx: Transaction, submissionIds: string[]): Promise<number> {
    const manager = this.managerOf(tx);
    if (submissionIds.length === 0) {
      return 0;
    }
    const [, count] = (await manager.query(
      `UPDATE email_reply
          SET message_sealed = NULL, next_attempt_at = NULL,
              failed_at = COALESCE(failed_at, now()),
              last_error = CASE WHEN status = 'QUEUED' THEN $2 ELSE last_error END,
              status = 'FAILED', updated_at = now()
        WHERE submission_id = ANY($1::uuid[]) AND status IN ('QUEUED', 'FAILED')
          AND message_sealed IS NOT NULL`,
      [submissionIds, ERASED_BEFORE_SENT],
    )) as [unknown[], number];
    return count;
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
