import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1, CaseRoutedV1 } from '@civitas/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export type CaseCountDimension = 'service' | 'department';

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
export class CaseFactRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordOpened(manager: EntityManager, opened: CaseOpenedV1): Promise<void> {
    // Imported history arrives with its final status and closure (legacy); live cases start OPEN.
    await manager.query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, channel, opened_at, status, closed_at, legacy_source)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, 'OPEN'), $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         ticket_number = EXCLUDED.ticket_number,
         service_code = EXCLUDED.service_code,
         channel = EXCLUDED.channel,
         opened_at = EXCLUDED.opened_at,
         status = COALESCE($6, case_fact.status),
         closed_at = COALESCE($7, case_fact.closed_at),
         legacy_source = EXCLUDED.legacy_source`,
      [
        opened.caseId,
        opened.ticketNumber,
        opened.serviceCode,
        opened.channel,
        opened.openedAt,
        opened.legacy?.status ?? null,
        opened.legacy?.closedAt ?? null,
        opened.legacy?.sourceSystem ?? null,
      ],
    );
  }

  async recordRouted(manager: EntityManager, routed: CaseRoutedV1): Promise<void> {
    // service_code is written only when the row is new: the case's own service (from cases) wins.
    await manager.query(
      `INSERT INTO case_fact (case_id, ticket_number, service_code, department_code, priority, routed_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET
         department_code = EXCLUDED.department_code,
         priority = EXCLUDED.priority,
         routed_at = EXCLUDED.routed_at,
         due_at = EXCLUDED.due_at
       WHERE case_fact.routed_at IS NULL OR case_fact.routed_at <= EXCLUDED.routed_at`,
      [
        routed.caseId,
        routed.ticketNumber,
        routed.serviceCode,
        routed.departmentCode,
        routed.priority,
        routed.routedAt,
        routed.dueAt,
      ],
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
