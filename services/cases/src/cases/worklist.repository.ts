import { Injectable } from '@nestjs/common';
import { CaseStatus, SlaState } from '@civitas/contracts';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { CaseEntity } from './case.entity.js';
import type { CaseReadScope } from './case-read-scope.js';

export enum WorklistSort {
  DUE_AT = 'DUE_AT',
  PRIORITY = 'PRIORITY',
  CREATED = 'CREATED',
}

export enum WorklistAssignee {
  ME = 'ME',
  UNASSIGNED = 'UNASSIGNED',
  ANY = 'ANY',
}

/**
 * Priority as a rank (EMERGENCY first). The very expression of the index
 * `service_case_worklist_priority_idx` (migration 1767420000100), so Postgres can walk it.
 */
export const WORKLIST_PRIORITY_RANK = `(CASE c.priority WHEN 'EMERGENCY' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END)`;

/**
 * `Case.sla`'s rule in SQL, at the instant `now`: a case whose clock is paused on hold stands as it
 * did when paused, never OVERDUE (docs/adr/0068).
 */
const AT_RISK_WHERE = (now: string, c = '') =>
  `${c}at_risk_at <= coalesce(${c}sla_held_since, ${now}) AND (${c}due_at >= ${now} OR ${c}sla_held_since IS NOT NULL)`;
const OVERDUE_WHERE = (now: string, c = '') => `${c}due_at < ${now} AND ${c}sla_held_since IS NULL`;

export interface WorklistQuery {
  /** null: every department (admins only). */
  departmentCodes: readonly string[] | null;
  queueCode?: string;
  /** The caller's subject for ME. */
  assignee: { kind: WorklistAssignee; me: string };
  /** Empty: every status but CLOSED. */
  statuses: readonly CaseStatus[];
  slaState?: SlaState.ON_TRACK | SlaState.AT_RISK | SlaState.OVERDUE;
  serviceCode?: string;
  districtCode?: string;
  sort: WorklistSort;
  /** Where the page before ended (its last case's sort key), if any. */
  after: WorklistPosition | null;
  limit: number;
  now: Date;
  scope: CaseReadScope;
}

/** A case's place in a worklist order: its sort key, then its id. */
export interface WorklistPosition {
  sort: WorklistSort;
  /** Priority rank (PRIORITY only). */
  rank?: number;
  /** due_at (DUE_AT, PRIORITY) or opened_at (CREATED), ISO. */
  at: string;
  id: string;
}

export interface WorkloadRow {
  subject: string;
  open: number;
  atRisk: number;
  overdue: number;
}

/**
 * Reads of open work (docs/adr/0059): a department's worklist paged by key in one of three
 * orders, each walked along its own partial index over open cases, and per-person workload.
 */
@Injectable()
export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  page(query: WorklistQuery): Promise<CaseEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(CaseEntity, 'c')
      .where(query.scope.sql('c'))
      .andWhere('c.department_code IS NOT NULL');
    if (query.departmentCodes) {
      qb.andWhere(
        query.departmentCodes.length === 1
          ? 'c.department_code = :department'
          : 'c.department_code = ANY(:departments::text[])',
        { department: query.departmentCodes[0], departments: [...query.departmentCodes] },
      );
    }
    if (query.statuses.includes(CaseStatus.CLOSED)) {
      qb.andWhere('c.status IN (:...statuses)', { statuses: [...query.statuses] });
    } else {
      // Said outright so the partial indexes over open cases apply.
      qb.andWhere(`c.status <> 'CLOSED'`);
      if (query.statuses.length > 0) {
        qb.andWhere('c.status IN (:...statuses)', { statuses: [...query.statuses] });
      }
    }
    filterBy(qb, query);
    return orderAndPage(qb, query).getMany();
  }

  /** Per assignee, their open cases of `departmentCode`: how many, at risk and overdue at `now`. */
  async workload(departmentCode: string, now: Date): Promise<WorkloadRow[]> {
    return (await this.dataSource.query(
      `SELECT assignee_subject AS subject,
              count(*)::int AS open,
              (count(*) FILTER (WHERE ${AT_RISK_WHERE('$2')}))::int AS "atRisk",
              (count(*) FILTER (WHERE ${OVERDUE_WHERE('$2')}))::int AS overdue
         FROM service_case
        WHERE department_code = $1 AND status <> 'CLOSED' AND assignee_subject IS NOT NULL
        GROUP BY assignee_subject`,
      [departmentCode, now],
    )) as WorkloadRow[];
  }
}

function filterBy(qb: SelectQueryBuilder<CaseEntity>, query: WorklistQuery): void {
  if (query.queueCode) {
    qb.andWhere('c.queue_code = :queue', { queue: query.queueCode });
  }
  if (query.serviceCode) {
    qb.andWhere('c.service_code = :service', { service: query.serviceCode });
  }
  if (query.districtCode) {
    qb.andWhere('c.district_code = :district', { district: query.districtCode });
  }
  switch (query.assignee.kind) {
    case WorklistAssignee.ME:
      qb.andWhere('c.assignee_subject = :me', { me: query.assignee.me });
      break;
    case WorklistAssignee.UNASSIGNED:
      qb.andWhere('c.assignee_subject IS NULL');
      break;
    case WorklistAssignee.ANY:
      break;
  }
  switch (query.slaState) {
    case SlaState.ON_TRACK:
      qb.andWhere('c.at_risk_at > coalesce(c.sla_held_since, :now)', { now: query.now });
      break;
    case SlaState.AT_RISK:
      qb.andWhere(AT_RISK_WHERE(':now', 'c.'), { now: query.now });
      break;
    case SlaState.OVERDUE:
      qb.andWhere(OVERDUE_WHERE(':now', 'c.'), { now: query.now });
      break;
    case undefined:
      break;
  }
}

function orderAndPage(
  qb: SelectQueryBuilder<CaseEntity>,
  query: WorklistQuery,
): SelectQueryBuilder<CaseEntity> {
  const after = query.after;
  switch (query.sort) {
    case WorklistSort.DUE_AT:
      if (after) {
        qb.andWhere('(c.due_at, c.id) > (:at, :id)', { at: after.at, id: after.id });
      }
      qb.orderBy('c.due_at', 'ASC');
      break;
    case WorklistSort.CREATED:
      if (after) {
        qb.andWhere('(c.opened_at, c.id) > (:at, :id)', { at: after.at, id: after.id });
      }
      qb.orderBy('c.opened_at', 'ASC');
      break;
    case WorklistSort.PRIORITY:
      if (after) {
        qb.andWhere(`(${WORKLIST_PRIORITY_RANK}, c.due_at, c.id) > (:rank, :at, :id)`, {
          rank: after.rank ?? 0,
          at: after.at,
          id: after.id,
        });
      }
      qb.orderBy(WORKLIST_PRIORITY_RANK, 'ASC').addOrderBy('c.due_at', 'ASC');
      break;
  }
  return qb.addOrderBy('c.id', 'ASC').limit(query.limit);
}

/** A case's rank in PRIORITY order, as WORKLIST_PRIORITY_RANK computes it. */
export function priorityRank(priority: string | null): number {
  switch (priority) {
    case 'EMERGENCY':
      return 0;
    case 'HIGH':
      return 1;
    case 'NORMAL':
      return 2;
    default:
      return 3;
  }
}
