import { Injectable } from '@nestjs/common';
import {
  CaseStatus,
  type CaseDeadlinesMovedV1,
  type CaseOverdueV1,
  type CaseOpenedV1,
  type CaseRoutedV1,
  type SatisfactionRecordedV1,
  type StatusChangedV1,
} from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { AnalyticsConfig } from '../config/analytics.config.js';
import { gridCellOf, STORED_CELL_METRES } from './grid-cell.js';
import { changedFactsSql, rollupChangeSql } from './rollup-contribution.sql.js';
import { openingRollupSql } from './opening-rollups.sql.js';

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

import { ROLLUPS, UNROUTED } from './rollup-keys.js';

export { UNKNOWN, UNROUTED } from './rollup-keys.js';

/** A pg connection, which keeps a statement given a name prepared and runs it again by that name. */
interface PreparingClient {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** The folding's statements, over the facts `$1` as noted `$2`, days in the zone `$3`. */
const FOLD_ROLLUPS = rollupChangeSql(ROLLUPS, changedFactsSql('$1', '$2'), '$3');
const FOLD_OPENINGS = openingRollupSql(changedFactsSql('$1', '$2'), '$3');

interface CaseKey {
  caseId: string;
  ticketNumber: string;
  serviceCode: string;
}

/**
 * Upserts that commute: `case-opened` owns what the case is (ticket, service, channel, opening,
 * grid cell), `case-routed` owns who has it (department, priority, due time, district; the latest
 * routing wins). Either may arrive first and the row ends the same.
 *
 * The only writer of `case_fact` and of its rollups (docs/adr/0056, 0087): every write locks the
 * facts it changes and notes them pending with the row the rollups count, in the consumer's
 * transaction; `foldPending` (run by `RollupFolder`) takes that row's contribution out of the
 * rollups and adds the fact's as it is now. So once nothing is pending the rollups are the sum of
 * the facts whatever order events arrive in, and a redelivered event (stopped by the inbox)
 * changes nothing.
 */
@Injectable()
export class CaseFactRepository extends TransactionalRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AnalyticsConfig,
  ) {
    super();
  }

  async recordOpened(tx: Transaction, opened: CaseOpenedV1): Promise<void> {
    await this.recordOpenedMany(tx, [opened]);
  }

  /** Many openings in one statement (imported history arrives a batch at a time). */
  async recordOpenedMany(tx: Transaction, opened: readonly CaseOpenedV1[]): Promise<void> {
    // Only the cell of a location is kept, never the point (nor the address or the description).
    const cells = opened.map((o) =>
      typeof o.location?.latitude === 'number' && typeof o.location.longitude === 'number'
        ? gridCellOf(o.location.latitude, o.location.longitude, STORED_CELL_METRES)
        : null,
    );
    // Imported history arrives with its final status and closure (legacy); live cases start OPEN.
    // A status change already recorded (staff reopened an imported case) is newer than either.
    await this.folding(tx, opened, (manager) =>
      manager.query(
        `INSERT INTO case_fact (case_id, ticket_number, service_code, channel, opened_at, status, closed_at, legacy_source, cell_latitude, cell_longitude, private, public_description)
       SELECT v.case_id, v.ticket_number, v.service_code, v.channel, v.opened_at,
              COALESCE(v.legacy_status, 'OPEN'), v.closed_at, v.legacy_source, v.cell_latitude, v.cell_longitude,
              v.private, v.public_description
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[], $9::float8[], $10::float8[], $11::boolean[], $12::text[])
         AS v(case_id, ticket_number, service_code, channel, opened_at, legacy_status, closed_at, legacy_source, cell_latitude, cell_longitude, private, public_description)
       ON CONFLICT (case_id) DO UPDATE SET
         private = EXCLUDED.private,
         public_description = EXCLUDED.public_description,
         ticket_number = EXCLUDED.ticket_number,
         service_code = EXCLUDED.service_code,
         channel = EXCLUDED.channel,
         opened_at = EXCLUDED.opened_at,
         cell_latitude = EXCLUDED.cell_latitude,
         cell_longitude = EXCLUDED.cell_longitude,
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
          cells.map((c) => c?.latitude ?? null),
          cells.map((c) => c?.longitude ?? null),
          opened.map((o) => o.private === true),
          // The description as written never reaches analytics' tables: only intake's scrubbed one.
          opened.map((o) => o.publicDescription ?? null),
        ],
      ),
    );
  }

  async recordRouted(tx: Transaction, routed: CaseRoutedV1): Promise<void> {
    await this.recordRoutedMany(tx, [routed]);
  }

  /**
   * Many routings in one statement; per case the latest routing wins. A due time routing moved
   * when the clock resumed after a hold (`recordDeadlinesMoved`) is newer than the routing's own,
   * whichever arrived first (docs/adr/0080).
   */
  async recordRoutedMany(tx: Transaction, routed: readonly CaseRoutedV1[]): Promise<void> {
    // service_code is written only when the row is new: the case's own service (from cases) wins.
    await this.folding(tx, routed, (manager) =>
      manager.query(
        `INSERT INTO case_fact (case_id, ticket_number, service_code, department_code, priority, routed_at, due_at, district_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
       ON CONFLICT (case_id) DO UPDATE SET
         department_code = EXCLUDED.department_code,
         priority = EXCLUDED.priority,
         routed_at = EXCLUDED.routed_at,
         due_at = CASE
           WHEN case_fact.sla_moved_at IS NOT NULL AND case_fact.sla_held_since IS NULL
           THEN case_fact.due_at ELSE EXCLUDED.due_at END,
         district_code = EXCLUDED.district_code
       WHERE case_fact.routed_at IS NULL OR case_fact.routed_at <= EXCLUDED.routed_at`,
        [
          routed.map((r) => r.caseId),
          routed.map((r) => r.ticketNumber),
          routed.map((r) => r.serviceCode),
          routed.map((r) => r.departmentCode),
          routed.map((r) => r.priority),
          routed.map((r) => r.routedAt),
          routed.map((r) => r.dueAt),
          routed.map((r) => r.districtCode ?? null),
        ],
      ),
    );
  }

  /**
   * A status change (routing opening the case, staff working it, or the resident reopening it)
   * owns status and closure from then on: the latest change wins, whatever order changes arrive
   * in. A change that overtakes `case-opened` files the case under the service it names until
   * that arrives. Every change is also kept as a transition (`eventId` counts it once), and the
   * case's reopenings (changes from CLOSED) are taken from them, so their order does not matter.
   * A closure as a duplicate marks the case a duplicate until its next change.
   */
  async recordStatusChanged(
    tx: Transaction,
    changed: StatusChangedV1,
    eventId: string,
  ): Promise<void> {
    const key = { ...changed, serviceCode: changed.serviceCode ?? '' };
    await this.folding(tx, [key], (manager) => this.applyStatusChange(manager, changed, eventId));
  }

  /**
   * Routing paused the case's service-level clock on hold, or started it again with a moved due
   * time (`routing.evt.case-deadlines-moved.v1`, docs/adr/0068, 0080). Held, the case counts
   * neither overdue nor late (and met its target if it closes held); resumed, it is judged on its
   * new due time. The latest move wins (by the status change behind it): an older one arriving
   * late changes nothing. A move that overtakes `case-opened` waits in the fact.
   */
  async recordDeadlinesMoved(tx: Transaction, moved: CaseDeadlinesMovedV1): Promise<void> {
    const key = { caseId: moved.caseId, ticketNumber: moved.ticketNumber, serviceCode: '' };
    await this.folding(tx, [key], (manager) =>
      manager.query(
        `INSERT INTO case_fact (case_id, ticket_number, service_code, sla_held_since, due_at, sla_moved_at)
         VALUES ($1, $2, '', $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET
           sla_held_since = EXCLUDED.sla_held_since,
           -- Held: the due time stays the one it had (it counts for nothing while held).
           due_at = COALESCE(EXCLUDED.due_at, case_fact.due_at),
           sla_moved_at = EXCLUDED.sla_moved_at
         WHERE case_fact.sla_moved_at IS NULL OR case_fact.sla_moved_at <= EXCLUDED.sla_moved_at`,
        [
          moved.caseId,
          moved.ticketNumber,
          moved.held ? moved.at : null,
          moved.held ? null : moved.dueAt,
          moved.at,
        ],
      ),
    );
  }

  /**
   * Routing's deadline timer escalated the case (`routing.evt.case-overdue.v1`, docs/adr/0084): it
   * counts as escalated on the day the timer found it overdue. Routing escalates a case once per
   * deadline; should it come again, the first escalation stays the one counted. One that
   * overtakes `case-opened` waits in the fact.
   */
  async recordEscalated(tx: Transaction, overdue: CaseOverdueV1): Promise<void> {
    await this.folding(tx, [overdue], (manager) =>
      manager.query(
        `INSERT INTO case_fact (case_id, ticket_number, service_code, escalated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id) DO UPDATE SET
           escalated_at = COALESCE(case_fact.escalated_at, EXCLUDED.escalated_at)`,
        [overdue.caseId, overdue.ticketNumber, overdue.serviceCode, overdue.detectedAt],
      ),
    );
  }

  /**
   * A closure survey answer: the case's latest answer counts (an older one arriving late changes
   * nothing), on the day it was given. An answer that overtakes `case-opened` waits in the fact.
   */
  async recordSatisfaction(tx: Transaction, answered: SatisfactionRecordedV1): Promise<void> {
    await this.folding(tx, [answered], (manager) =>
      manager.query(
        `INSERT INTO case_fact (case_id, ticket_number, service_code, satisfaction_score, satisfaction_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET
           satisfaction_score = EXCLUDED.satisfaction_score,
           satisfaction_at = EXCLUDED.satisfaction_at
         WHERE case_fact.satisfaction_at IS NULL
            OR case_fact.satisfaction_at <= EXCLUDED.satisfaction_at`,
        [
          answered.caseId,
          answered.ticketNumber,
          answered.serviceCode,
          answered.score,
          answered.answeredAt,
        ],
      ),
    );
  }

  private async applyStatusChange(
    manager: EntityManager,
    changed: StatusChangedV1,
    eventId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO status_transition (event_id, case_id, from_status, to_status, changed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
      [eventId, changed.caseId, changed.from, changed.to, changed.changedAt],
    );
    await manager.query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, status, closed_at, status_changed_at, duplicate)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET
         status = EXCLUDED.status,
         closed_at = EXCLUDED.closed_at,
         status_changed_at = EXCLUDED.status_changed_at,
         duplicate = EXCLUDED.duplicate
       WHERE case_fact.status_changed_at IS NULL
          OR case_fact.status_changed_at <= EXCLUDED.status_changed_at`,
      [
        changed.caseId,
        changed.ticketNumber,
        changed.serviceCode ?? '',
        changed.to,
        changed.to === CaseStatus.CLOSED ? changed.changedAt : null,
        changed.changedAt,
        changed.to === CaseStatus.CLOSED && Boolean(changed.duplicateOf),
      ],
    );
    await manager.query(
      `UPDATE case_fact SET reopened_at = ARRAY(
         SELECT changed_at FROM status_transition
         WHERE case_id = $1 AND from_status = 'CLOSED' AND to_status <> 'CLOSED'
         ORDER BY changed_at)
       WHERE case_id = $1`,
      [changed.caseId],
    );
  }

  /**
   * Runs `write` on the facts of `cases`, keeping what the rollups count: the rows are made to
   * exist and locked (always in case id order, so two consumers' batches never deadlock), and a
   * fact the rollups count as it is now is noted pending with that row (docs/adr/0087). A fact
   * already pending keeps the row it was noted with: the rollups still count that one.
   * `foldPending` then brings the rollups to the facts.
   */
  private async folding(
    tx: Transaction,
    cases: readonly CaseKey[],
    write: (manager: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    const byId = new Map(cases.map((c) => [c.caseId, c]));
    const keys = [...byId.values()].sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
    const ids = keys.map((k) => k.caseId);
    // A row inserted here is finished by `write` in this transaction: nobody sees it bare.
    await manager.query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (case_id) DO NOTHING`,
      [ids, keys.map((k) => k.ticketNumber), keys.map((k) => k.serviceCode)],
    );
    await manager.query(
      `INSERT INTO rollup_pending (case_id, counted)
       SELECT l.case_id, to_jsonb(l) FROM (
         SELECT * FROM case_fact WHERE case_id = ANY($1) ORDER BY case_id FOR UPDATE) l
       ON CONFLICT (case_id) DO NOTHING`,
      [ids],
    );
    await write(manager);
  }

  /**
   * Folds up to `limit` pending facts into every rollup (docs/adr/0056, 0071, 0087): for each, the
   * difference between the row the rollups count and the fact as it is now, in one statement per
   * kind of rollup that writes only the rows whose figures change (most status changes change
   * none). Facts a consumer is writing right now are skipped (`SKIP LOCKED`) and folded next
   * time, so folding never waits for a consumer. Answers how many facts were folded.
   */
  async foldPending(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.query<{ case_id: string }[]>(
        `SELECT f.case_id FROM case_fact f
         WHERE f.case_id IN (SELECT case_id FROM rollup_pending ORDER BY case_id LIMIT $1)
         ORDER BY f.case_id FOR UPDATE OF f SKIP LOCKED`,
        [limit],
      );
      if (locked.length === 0) {
        return 0;
      }
      // The facts are locked: no consumer can note them again until this commits.
      const [{ ids, counted }] = await manager.query<{ ids: string[]; counted: string }[]>(
        `WITH d AS (DELETE FROM rollup_pending WHERE case_id = ANY($1) RETURNING case_id, counted)
         SELECT COALESCE(array_agg(case_id), '{}') AS ids,
                COALESCE(jsonb_agg(counted), '[]')::text AS counted FROM d`,
        [locked.map((l) => l.case_id)],
      );
      const parameters = [ids, counted, this.config.ANALYTICS_TIME_ZONE];
      // The rollups' statement is 70 kB of SQL: planning it took longer than running it. Kept
      // prepared on the connection with one plan for any batch, it is planned once per connection.
      await manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
      const client = (await manager.queryRunner!.connect()) as PreparingClient;
      await client.query({
        name: 'analytics-fold-rollups',
        text: FOLD_ROLLUPS,
        values: parameters,
      });
      await client.query({
        name: 'analytics-fold-openings',
        text: FOLD_OPENINGS,
        values: parameters,
      });
      return locked.length;
    });
  }

  /** How many times cases moved from one status to another, most frequent first. */
  /**
   * Status changes by from and to status; `departments` (null: every case) keeps those of cases
   * routed to one of them.
   */
  transitionCounts(departments: string[] | null): Promise<TransitionCountRow[]> {
    return this.dataSource.query<TransitionCountRow[]>(
      `SELECT t.from_status AS "from", t.to_status AS "to", count(*)::int AS count
       FROM status_transition t
       ${departments === null ? '' : 'JOIN case_fact f ON f.case_id = t.case_id AND f.department_code = ANY($1)'}
       GROUP BY 1, 2 ORDER BY count DESC, 1 ASC, 2 ASC`,
      departments === null ? [] : [departments],
    );
  }

  /** Cases by service or department; `departments` (null: every case) keeps those routed to one. */
  async countBy(
    dimension: CaseCountDimension,
    departments: string[] | null,
  ): Promise<CaseCountRow[]> {
    const key =
      dimension === 'service' ? 'service_code' : `COALESCE(department_code, '${UNROUTED}')`;
    return this.dataSource.query<CaseCountRow[]>(
      `SELECT ${key} AS key, count(*)::int AS count,
         (count(*) FILTER (WHERE status = 'CLOSED'))::int AS closed,
         (avg(extract(epoch FROM closed_at - opened_at)) FILTER (WHERE closed_at IS NOT NULL AND opened_at IS NOT NULL) / 3600)::float8 AS "averageHoursToClose"
       FROM case_fact ${departments === null ? '' : 'WHERE department_code = ANY($1)'}
       GROUP BY 1 ORDER BY count DESC, key ASC`,
      departments === null ? [] : [departments],
    );
  }
}
