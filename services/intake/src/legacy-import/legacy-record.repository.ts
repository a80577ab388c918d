import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import type { EntityManager } from 'typeorm';

export interface NewLegacySubmission {
  id: string;
  ticketNumber: string;
  serviceCode: string;
  payloadSealed: string;
  receivedAt: Date;
}

/** Set-based SQL: a batch of hundreds of records costs a few statements, not hundreds. */
@Injectable()
export class LegacyRecordRepository extends TransactionalRepository {
  /**
   * Claims (source system, source id) for each record; answers the source ids claimed now. Those
   * already imported (by an earlier run, or a concurrent one that commits first) are skipped.
   */
  async claim(
    tx: Transaction,
    sourceSystem: string,
    records: { sourceId: string; submissionId: string }[],
    importedAt: Date,
  ): Promise<Set<string>> {
    const manager = this.managerOf(tx);
    const rows: { source_id: string }[] = await manager.query(
      `INSERT INTO legacy_record (source_system, source_id, submission_id, imported_at)
       SELECT $1, s, u, $4 FROM unnest($2::text[], $3::uuid[]) AS t(s, u)
       ON CONFLICT DO NOTHING RETURNING source_id`,
      [
        sourceSystem,
        records.map((r) => r.sourceId),
        records.map((r) => r.submissionId),
        importedAt,
      ],
    );
    return new Set(rows.map((r) => r.source_id));
  }

  /** Ticket numbers of records imported before, by source id. */
  async ticketsOf(
    tx: Transaction,
    sourceSystem: string,
    sourceIds: string[],
  ): Promise<Map<string, string>> {
    const manager = this.managerOf(tx);
    if (sourceIds.length === 0) {
      return new Map();
    }
    const rows: { source_id: string; ticket_number: string }[] = await manager.query(
      `SELECT l.source_id, s.ticket_number FROM legacy_record l JOIN submission s ON s.id = l.submission_id
       WHERE l.source_system = $1 AND l.source_id = ANY($2::text[])`,
      [sourceSystem, sourceIds],
    );
    return new Map(rows.map((r) => [r.source_id, r.ticket_number]));
  }

  async nextTicketNumbers(tx: Transaction, count: number): Promise<string[]> {
    const manager = this.managerOf(tx);
    const rows: { n: string }[] = await manager.query(
      "SELECT nextval('ticket_number_seq') AS n FROM generate_series(1, $1)",
      [count],
    );
    return rows.map((r) => r.n);
  }

  async insertSubmissions(
    tx: Transaction,
    channel: string,
    submissions: NewLegacySubmission[],
  ): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.query(
      `INSERT INTO submission (id, ticket_number, channel, service_code, payload_sealed, emergency, received_at)
       SELECT id, ticket, $1, code, sealed, false, at
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t(id, ticket, code, sealed, at)`,
      [
        channel,
        submissions.map((s) => s.id),
        submissions.map((s) => s.ticketNumber),
        submissions.map((s) => s.serviceCode),
        submissions.map((s) => s.payloadSealed),
        submissions.map((s) => s.receivedAt.toISOString()),
      ],
    );
  }
}
