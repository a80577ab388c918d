import { Injectable } from '@nestjs/common';
import {
  CaseStatus,
  type CaseOpenedV1,
  type CaseRoutedV1,
  type StatusChangedV1,
} from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';

export type CaseCountDimension = 'service' | 'department';

export interface TransitionCountRow {
  from: string;
  to: string;
  count: number;
}

export interface CaseCountRow {
  key: string;
  count: number;
  closed: number;
  averageHoursToClose: number | null;
}

/** Cases not yet routed are counted under this department key. */
export const UNROUTED = 'unrouted';

/**
 * Upserts that commute: `case-opened` owns what the case is (ticket, service, channel, opening),
 * `case-routed` owns who has it (department, priority, due time; the latest routing wins). Either
 * may arrive first and the row ends the same.
 */
@Injectable()
export class CaseFactRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordOpened(tx: Transaction, opened: CaseOpenedV1): Promise<void> {
    await this.recordOpenedMany(tx, [opened]);
  }

  /** Many openings in one statement (imported history arrives a batch at a time). */
  async recordOpenedMany(tx: Transaction, opened: readonly CaseOpenedV1[]): Promise<void> {
    // Imported history arrives with its final status and closure (legacy); live cases start OPEN.
    // A status change already recorded (staff reopened an imported case) is newer than either.
    await this.managerOf(tx).query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, channel, opened_at, status, closed_at, legacy_source)
       SELECT v.case_id, v.ticket_number, v.service_code, v.channel, v.opened_at,
              COALESCE(v.legacy_status, 'OPEN'), v.closed_at, v.legacy_source
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[])
         AS v(case_id, ticket_number, service_code, channel, opened_at, legacy_status, closed_at, legacy_source)
       ON CONFLICT (case_id) DO UPDATE SET
         ticket_number = EXCLUDED.ticket_number,
         service_code = EXCLUDED.service_code,
         channel = EXCLUDED.channel,
         opened_at = EXCLUDED.opened_at,
         status = CASE
           WHEN EXCLUDED.legacy_source IS NULL OR case_fact.status_changed_at IS NOT NULL
           THEN case_fact.status ELSE EXCLUDED.status END,
         closed_at = CASE
           WHEN case_fact.status_changed_at IS NOT NULL THEN case_fact.closed_at
           ELSE COALESCE(EXCLUDED.closed_at, case_fact.closed_at) END,
         legacy_source = EXCLUDED.legacy_source`,
      [
        opened.map((o) => o.caseId),
        opened.map((o) => o.ticketNumber),
        opened.map((o) => o.serviceCode),
        opened.map((o) => o.channel),
        opened.map((o) => o.openedAt),
        opened.map((o) => o.legacy?.status ?? null),
        opened.map((o) => o.legacy?.closedAt ?? null),
        opened.map((o) => o.legacy?.sourceSystem ?? null),
      ],
    );
  }

  async recordRouted(tx: Transaction, routed: CaseRoutedV1): Promise<void> {
    await this.recordRoutedMany(tx, [routed]);
  }

  /** Many routings in one statement; per case the latest routing wins. */
  async recordRoutedMany(tx: Transaction, routed: readonly CaseRoutedV1[]): Promise<void> {
    // service_code is written only when the row is new: the case's own service (from cases) wins.
    await this.managerOf(tx).query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, department_code, priority, routed_at, due_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (case_id) DO UPDATE SET
         department_code = EXCLUDED.department_code,
         priority = EXCLUDED.priority,
         routed_at = EXCLUDED.routed_at,
         due_at = EXCLUDED.due_at
       WHERE case_fact.routed_at IS NULL OR case_fact.routed_at <= EXCLUDED.routed_at`,
      [
        routed.map((r) => r.caseId),
        routed.map((r) => r.ticketNumber),
        routed.map((r) => r.serviceCode),
        routed.map((r) => r.departmentCode),
        routed.map((r) => r.priority),
        routed.map((r) => r.routedAt),
        routed.map((r) => r.dueAt),
      ],
    );
  }

  /**
   * A status change (routing opening the case, staff working it, or the resident reopening it)
   * owns status and closure from then on: the latest change wins, whatever order changes arrive
   * in. A change that overtakes `case-opened` files the case under the service it names until
   * that arrives. Every change is also kept as a transition (`eventId` counts it once).
   */
  async recordStatusChanged(
    tx: Transaction,
    changed: StatusChangedV1,
    eventId: string,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.query(
      `INSERT INTO status_transition (event_id, case_id, from_status, to_status, changed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
      [eventId, changed.caseId, changed.from, changed.to, changed.changedAt],
    );
    await manager.query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, status, closed_at, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id) DO UPDATE SET
         status = EXCLUDED.status,
         closed_at = EXCLUDED.closed_at,
         status_changed_at = EXCLUDED.status_changed_at
       WHERE case_fact.status_changed_at IS NULL
          OR case_fact.status_changed_at <= EXCLUDED.status_changed_at`,
      [
        changed.caseId,
        changed.ticketNumber,
        changed.serviceCode ?? '',
        changed.to,
        changed.to === CaseStatus.CLOSED ? changed.changedAt : null,
        changed.changedAt,
      ],
    );
  }

  /** How many times cases moved from one status to another, most frequent first. */
  transitionCounts(): Promise<TransitionCountRow[]> {
    return this.dataSource.query<TransitionCountRow[]>(
      `SELECT from_status AS "from", to_status AS "to", count(*)::int AS count
       FROM status_transition GROUP BY 1, 2 ORDER BY count DESC, 1 ASC, 2 ASC`,
    );
  }

  async countBy(dimension: CaseCountDimension): Promise<CaseCountRow[]> {
    const key =
      dimension === 'service' ? 'service_code' : `COALESCE(department_code, '${UNROUTED}')`;
    return this.dataSource.query<CaseCountRow[]>(
      `SELECT ${key} AS key, count(*)::int AS count,
         (count(*) FILTER (WHERE status = 'CLOSED'))::int AS closed,
         (avg(extract(epoch FROM closed_at - opened_at)) FILTER (WHERE closed_at IS NOT NULL AND opened_at IS NOT NULL) / 3600)::float8 AS "averageHoursToClose"
       FROM case_fact GROUP BY 1 ORDER BY count DESC, key ASC`,
    );
  }
}
