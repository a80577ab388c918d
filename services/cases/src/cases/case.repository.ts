import { Injectable } from '@nestjs/common';
import { CaseStatus, type CaseRoutedV1, type Priority } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { insertMany } from '@civitas/persistence';
import { DataSource, In } from 'typeorm';
import { CaseEntity, type SplitPartRecord } from './case.entity.js';
import type { CaseReadScope } from './case-read-scope.js';
import type { ServiceLevelColumns } from './service-level.js';

/** What routing decided for a case (`case-routed`, or one record of `history-routed`). */
export type RoutingDecision = Pick<
  CaseRoutedV1,
  | 'caseId'
  | 'departmentCode'
  | 'queueCode'
  | 'priority'
  | 'dueAt'
  | 'routedAt'
  | 'districtCode'
  | 'slaClock'
  | 'slaHours'
  | 'atRiskAt'
>;

type RoutedCase = { id: string; status: CaseStatus };

/** A case as its reporter's own list shows it (times as ISO 8601 with microseconds). */
export interface ReportedCaseRow {
  ticketNumber: string;
  serviceCode: string;
  status: CaseStatus;
  receivedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** Where and for which service to look for an open case a new report may duplicate. */
export interface NearbySearch {
  serviceCode: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  /** Only cases opened at or after this. */
  openedSince: Date;
  /** The case being opened, never its own match. */
  excluding?: string;
  /**
   * Only cases not themselves waiting as a possible duplicate, so links stay one level deep
   * (what cases links to); otherwise any (what a reporter may be told is already known).
   */
  rootsOnly: boolean;
}

/** An open case found near a place: the nearest, with how far it is. */
export interface NearbyCase {
  id: string;
  ticketNumber: string;
  private: boolean;
  meters: number;
}

/** Mean Earth radius (IUGG), metres: haversine distances, good to well under a metre at 50 m. */
const EARTH_RADIUS_METERS = 6_371_008.8;
const METERS_PER_DEGREE_LATITUDE = (Math.PI * EARTH_RADIUS_METERS) / 180;

/** The columns a status change writes (`CaseStatusWriter` decides them). */
export interface StatusColumns {
  status: CaseStatus;
  closedAt: Date | null;
  duplicateOfCaseId: string | null;
  updatedAt: Date;
}

/**
 * The one writer of `service_case` (docs/adr/0027): every insert and update of a case row is a
 * method here that says what it does. Use cases decide; this writes. A lint rule in
 * eslint.config.js fails any other file in services/cases that writes the table.
 *
 * Methods that take a `Transaction` run in the caller's transaction (and `lock*` ones lock the
 * rows they return until it ends); the others read outside any transaction.
 */
@Injectable()
export class CaseRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The case with this ticket number, if `scope` may see it. */
  byTicket(ticketNumber: string, scope: CaseReadScope): Promise<CaseEntity | null> {
    return this.dataSource.manager.findOneBy(CaseEntity, { ticketNumber, ...scope.where() });
  }

  /** Which of these tickets have a case, whoever may see it (private ones too). */
  async ticketsWithCases(ticketNumbers: string[]): Promise<Set<string>> {
    const found = await this.dataSource.getRepository(CaseEntity).find({
      where: { ticketNumber: In(ticketNumbers) },
      select: { ticketNumber: true },
    });
    return new Set(found.map((c) => c.ticketNumber));
  }

  /** Whether a submission has opened its case already, read outside any transaction. */
  isOpened(submissionId: string): Promise<boolean> {
    return this.dataSource.getRepository(CaseEntity).existsBy({ submissionId });
  }

  /** The case with this id, if `scope` may see it. */
  byId(id: string, scope: CaseReadScope): Promise<CaseEntity | null> {
    return this.dataSource.manager.findOneBy(CaseEntity, { id, ...scope.where() });
  }

  /** A resident's cases, newest first (citizen 360) or oldest first (their data download). */
  reportedBy(
    citizenId: string,
    scope: CaseReadScope,
    { order, limit }: { order: 'NEWEST_FIRST' | 'OLDEST_FIRST'; limit?: number },
  ): Promise<CaseEntity[]> {
    return this.dataSource.manager.find(CaseEntity, {
      where: { reporterId: citizenId, ...scope.where() },
      order: { openedAt: order === 'NEWEST_FIRST' ? 'DESC' : 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /**
   * One page of a resident's own list (`myRequests`, docs/adr/0096): their cases, private ones
   * too, newest first by opening time then ticket, strictly before `before`. Times keep the
   * database's microseconds, so a cursor made from one never skips or repeats a row.
   */
  async pageReportedBy(
    citizenId: string,
    first: number,
    before?: { receivedAt: string; ticketNumber: string },
  ): Promise<ReportedCaseRow[]> {
    const params: unknown[] = [citizenId, first];
    let after = '';
    if (before) {
      params.push(before.receivedAt, before.ticketNumber);
      // Tickets compared byte by byte ("C"), as citizens merges the two services' pages.
      after = 'AND (opened_at, ticket_number COLLATE "C") < ($3::timestamptz, $4 COLLATE "C")';
    }
    const iso = (column: string) =>
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    return this.dataSource.query<ReportedCaseRow[]>(
      `SELECT ticket_number AS "ticketNumber", service_code AS "serviceCode", status,
              ${iso('opened_at')} AS "receivedAt", ${iso('updated_at')} AS "updatedAt",
              ${iso('closed_at')} AS "closedAt"
         FROM service_case
        WHERE reporter_id = $1 ${after}
        ORDER BY opened_at DESC, ticket_number COLLATE "C" DESC
        LIMIT $2`,
      params,
    );
  }

  /** The case a submission opened, if it has been opened already (a redelivery). */
  bySubmission(tx: Transaction, submissionId: string): Promise<CaseEntity | null> {
    return this.managerOf(tx).findOneBy(CaseEntity, { submissionId });
  }

  /**
   * The case, if `scope` may see it, locked until the transaction ends, so changes to it are
   * applied one at a time.
   */
  lockByTicket(
    tx: Transaction,
    ticketNumber: string,
    scope: CaseReadScope,
  ): Promise<CaseEntity | null> {
    return this.managerOf(tx).findOne(CaseEntity, {
      where: { ticketNumber, ...scope.where() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockById(tx: Transaction, id: string): Promise<CaseEntity | null> {
    return this.managerOf(tx).findOne(CaseEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The cases `tickets` name and the duplicates of `duplicatesOf`, locked in one statement in id
   * order, so two merges touching the same cases at once wait for each other instead of
   * deadlocking.
   */
  lockWithDuplicates(
    tx: Transaction,
    tickets: readonly string[],
    duplicatesOf: string,
  ): Promise<CaseEntity[]> {
    return this.managerOf(tx)
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.ticket_number IN (:...tickets)', { tickets })
      .orWhere(
        'c.duplicate_of_case_id IN (SELECT s.id FROM service_case s WHERE s.ticket_number = :ticket)',
        { ticket: duplicatesOf },
      )
      .orderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async ticketNumberOf(tx: Transaction, id: string): Promise<string> {
    const found = await this.managerOf(tx).findOneOrFail(CaseEntity, {
      where: { id },
      select: { id: true, ticketNumber: true },
    });
    return found.ticketNumber;
  }

  /**
   * The nearest open case of `search.serviceCode` within `radiusMeters` of the place, opened since
   * `openedSince` (with `rootsOnly`, not itself waiting as a possible duplicate); the
   * earlier-opened first at equal distance. `scope` PUBLIC leaves private cases out (what a
   * reporter may be told of, ADR 0041). A latitude band and a longitude range from
   * `service_case_nearby_idx` narrow it to a box round the place; the exact haversine distance
   * decides within it (docs/adr/0063).
   */
  async nearestOpen(
    search: NearbySearch,
    scope: CaseReadScope,
    tx?: Transaction,
  ): Promise<NearbyCase | null> {
    if (search.radiusMeters <= 0) {
      return null;
    }
    const box = boxAround(search.latitude, search.longitude, search.radiusMeters);
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    const rows = (await manager.query(
      `SELECT id, ticket_number, private, meters FROM (
         SELECT c.id, c.ticket_number, c.private, c.opened_at,
                2 * $9::float8 * asin(sqrt(
                  power(sin(radians(c.latitude - $2) / 2), 2)
                  + cos(radians($2)) * cos(radians(c.latitude))
                  * power(sin(radians(c.longitude - $3) / 2), 2))) AS meters
           FROM service_case c
          WHERE c.service_code = $1
            AND c.status <> '${CaseStatus.CLOSED}'
            AND c.latitude BETWEEN $4 AND $5
            AND c.longitude BETWEEN $6 AND $7
            AND c.opened_at >= $8
            AND (NOT $12 OR c.possible_duplicate_of_case_id IS NULL)
            AND c.id IS DISTINCT FROM $10::uuid
            AND ${scope.sql('c')}
       ) near
       WHERE meters <= $11
       ORDER BY meters, opened_at, id
       LIMIT 1`,
      [
        search.serviceCode,
        search.latitude,
        search.longitude,
        box.minLatitude,
        box.maxLatitude,
        box.minLongitude,
        box.maxLongitude,
        search.openedSince,
        EARTH_RADIUS_METERS,
        search.excluding ?? null,
        search.radiusMeters,
        search.rootsOnly,
      ],
    )) as { id: string; ticket_number: string; private: boolean; meters: number }[];
    const [found] = rows;
    return found
      ? {
          id: found.id,
          ticketNumber: found.ticket_number,
          private: found.private,
          meters: Number(found.meters),
        }
      : null;
  }

  /** How many confirmed duplicates follow each of `caseIds` (its "me too" count). */
  async followerCounts(caseIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(caseIds.map((id) => [id, 0]));
    if (caseIds.length === 0) {
      return counts;
    }
    const rows = (await this.dataSource.query(
      `SELECT duplicate_of_case_id AS id, count(*)::int AS followers
         FROM service_case
        WHERE duplicate_of_case_id = ANY($1::uuid[]) AND status = '${CaseStatus.CLOSED}'
        GROUP BY duplicate_of_case_id`,
      [[...caseIds]],
    )) as { id: string; followers: number }[];
    for (const row of rows) {
      counts.set(row.id, row.followers);
    }
    return counts;
  }

  /**
   * The ids of the confirmed duplicates following a case, the earliest closed first, at most
   * `limit` (those whose reporters are told of its changes, docs/adr/0063).
   */
  async followerIds(tx: Transaction, caseId: string, limit: number): Promise<string[]> {
    const rows = (await this.managerOf(tx).query(
      `SELECT id FROM service_case
        WHERE duplicate_of_case_id = $1 AND status = '${CaseStatus.CLOSED}'
        ORDER BY closed_at, id
        LIMIT $2`,
      [caseId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Links (a case id) or unlinks (null) a case as a possible duplicate of another. */
  async setPossibleDuplicate(
    tx: Transaction,
    caseId: string,
    parentId: string | null,
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: caseId },
      { possibleDuplicateOfCaseId: parentId, updatedAt: at },
    );
  }

  /** Opens a case (the caller has checked that its submission opened none yet). */
  async open(tx: Transaction, entity: CaseEntity): Promise<void> {
    await this.managerOf(tx).insert(CaseEntity, entity);
  }

  /**
   * Opens many cases in one insert (imported history); a submission that opened a case already
   * is skipped. Returns the ids of the cases opened now.
   */
  async openMany(tx: Transaction, entities: readonly CaseEntity[]): Promise<Set<string>> {
    const inserted = await insertMany(this.managerOf(tx), CaseEntity, entities, {
      skipConflicts: true,
      returning: 'id',
    });
    return new Set(inserted.map((r) => r.id as string));
  }

  /**
   * Records who owns a live case now. The status is not touched: opening a NEW case is a status
   * change, made through `CaseStatusWriter` with its event.
   */
  async recordRouting(
    tx: Transaction,
    routed: RoutingDecision,
    serviceLevel: ServiceLevelColumns,
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: routed.caseId },
      { ...routingColumns(routed, at), ...serviceLevel },
    );
  }

  /**
   * Records routing on many imported cases in one statement; returns the cases found with the
   * status each has now (for their timeline entries). Imported
   * history keeps the status it had in the legacy system, except that a record still NEW there is
   * open work once routed. This is no status change to announce: nothing that notifies sees
   * imported history (docs/adr/0022), and analytics folds `history-routed` the same way.
   */
  async recordHistoryRouting(
    tx: Transaction,
    routed: readonly RoutingDecision[],
  ): Promise<{ id: string; status: CaseStatus }[]> {
    const updated = (await this.managerOf(tx).query(
      `UPDATE service_case AS c SET
         department_code = v.department_code,
         queue_code = v.queue_code,
         priority = v.priority,
         due_at = v.due_at,
         routed_at = v.routed_at,
         district_code = v.district_code,
         -- As serviceLevelOf reads an event from an older routing (docs/adr/0054).
         sla_clock = coalesce(v.sla_clock, 'CALENDAR'),
         sla_hours = coalesce(v.sla_hours, greatest(1, round(extract(epoch FROM v.due_at - c.opened_at) / 3600))),
         at_risk_at = coalesce(v.at_risk_at, c.opened_at + (v.due_at - c.opened_at) * 0.8),
         status = CASE WHEN c.status = 'NEW' THEN 'OPEN' ELSE c.status END,
         updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::int[], $10::timestamptz[])
         AS v(case_id, department_code, queue_code, priority, due_at, routed_at, district_code, sla_clock, sla_hours, at_risk_at)
       WHERE c.id = v.case_id
       RETURNING c.id, c.status`,
      [
        routed.map((r) => r.caseId),
        routed.map((r) => r.departmentCode),
        routed.map((r) => r.queueCode),
        routed.map((r) => r.priority),
        routed.map((r) => r.dueAt),
        routed.map((r) => r.routedAt),
        routed.map((r) => r.districtCode ?? null),
        routed.map((r) => r.slaClock ?? null),
        routed.map((r) => r.slaHours ?? null),
        routed.map((r) => r.atRiskAt ?? null),
      ],
    )) as [RoutedCase[], number] | RoutedCase[];
    return Array.isArray(updated[0]) ? (updated[0] as RoutedCase[]) : (updated as RoutedCase[]);
  }

  /**
   * Routing paused the case's clock on hold `at` with `minutesLeft` of it left (docs/adr/0068):
   * the due and at-risk times stay as they were, frozen, until it resumes.
   */
  async pauseClock(tx: Transaction, caseId: string, at: Date, minutesLeft: number): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: caseId },
      { slaHeldSince: at, slaHeldMinutes: minutesLeft, slaMovedAt: at, updatedAt: new Date() },
    );
  }

  /** Routing started the case's clock again `at`: these are its due and at-risk times now. */
  async resumeClock(
    tx: Transaction,
    caseId: string,
    at: Date,
    times: { dueAt: Date; atRiskAt: Date },
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: caseId },
      {
        ...times,
        slaHeldSince: null,
        slaHeldMinutes: null,
        slaMovedAt: at,
        updatedAt: new Date(),
      },
    );
  }

  /** Routing found the case overdue: its priority rises (docs/adr/0058). */
  async raisePriority(
    tx: Transaction,
    caseId: string,
    priority: Priority,
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(CaseEntity, { id: caseId }, { priority, updatedAt: at });
  }

  /**
   * Open cases of `departmentCodes` (null: every department) past their due time at `now`, the
   * longest overdue first; paged after the case `after` (its id) in that order. The worklist's
   * due-time index serves it (docs/adr/0059).
   */
  overdueIn(
    departmentCodes: readonly string[] | null,
    now: Date,
    scope: CaseReadScope,
    page: { first: number; after?: string | null },
  ): Promise<CaseEntity[]> {
    const query = this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where(`c.status <> '${CaseStatus.CLOSED}'`)
      .andWhere('c.due_at < :now', { now })
      // A paused clock is never overdue (docs/adr/0068).
      .andWhere('c.sla_held_since IS NULL')
      .andWhere(scope.sql('c'));
    if (departmentCodes) {
      query.andWhere('c.department_code = ANY(:departmentCodes)', {
        departmentCodes: [...departmentCodes],
      });
    }
    if (page.after) {
      query.andWhere(
        '(c.due_at, c.id) > (SELECT a.due_at, a.id FROM service_case a WHERE a.id = :after)',
        { after: page.after },
      );
    }
    return query.orderBy('c.due_at', 'ASC').addOrderBy('c.id', 'ASC').limit(page.first).getMany();
  }

  /** Writes a status change decided by `CaseStatusWriter` (the only caller). */
  async changeStatus(tx: Transaction, caseId: string, columns: StatusColumns): Promise<void> {
    await this.managerOf(tx).update(CaseEntity, { id: caseId }, columns);
  }

  /** The case was split into `parts` (docs/adr/0062), `at`. */
  async recordSplit(
    tx: Transaction,
    caseId: string,
    parts: readonly SplitPartRecord[],
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: caseId },
      { splitParts: [...parts], updatedAt: at },
    );
  }

  /** The parts a case was split into that are open already and `scope` may see, in part order. */
  childrenOf(parentId: string, scope: CaseReadScope): Promise<CaseEntity[]> {
    return this.dataSource.manager.find(CaseEntity, {
      where: { parentCaseId: parentId, ...scope.where() },
      // Ticket numbers come from one sequence, taken in part order.
      order: { openedAt: 'ASC', ticketNumber: 'ASC' },
    });
  }

  /** How many parts of a split case are open as cases, and how many of those are not closed. */
  async childStandingOf(
    tx: Transaction,
    parentId: string,
  ): Promise<{ opened: number; notClosed: number }> {
    const [row] = (await this.managerOf(tx).query(
      `SELECT count(*)::int AS opened,
              count(*) FILTER (WHERE status <> 'CLOSED')::int AS "notClosed"
         FROM service_case WHERE parent_case_id = $1`,
      [parentId],
    )) as { opened: number; notClosed: number }[];
    return row;
  }

  /** The duplicates of a case marked a duplicate itself follow it to its parent. */
  async moveDuplicates(
    tx: Transaction,
    caseIds: readonly string[],
    parentId: string,
    at: Date,
  ): Promise<void> {
    if (caseIds.length === 0) {
      return;
    }
    await this.managerOf(tx).update(
      CaseEntity,
      { id: In([...caseIds]) },
      { duplicateOfCaseId: parentId, updatedAt: at },
    );
  }

  /** Gives the case to `assigneeSubject`, or to nobody (null), `at` (docs/adr/0059). */
  async assign(
    tx: Transaction,
    caseId: string,
    assigneeSubject: string | null,
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: caseId },
      { assigneeSubject, assignedAt: assigneeSubject ? at : null, updatedAt: at },
    );
  }

  /** Someone's open cases, locked in id order (handing them on when they are deactivated). */
  lockOpenAssignedTo(tx: Transaction, subject: string): Promise<CaseEntity[]> {
    return this.managerOf(tx)
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.assignee_subject = :subject', { subject })
      .andWhere(`c.status <> 'CLOSED'`)
      .orderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The queues of someone's open cases, read outside any transaction. */
  async openQueueCodesOf(subject: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT queue_code FROM service_case
        WHERE assignee_subject = $1 AND status <> 'CLOSED' AND queue_code IS NOT NULL`,
      [subject],
    )) as { queue_code: string }[];
    return rows.map((r) => r.queue_code);
  }

  /** How many open cases each of `subjects` works now (capacity, least loaded). */
  async openCountsOf(tx: Transaction, subjects: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(subjects.map((s) => [s, 0]));
    if (subjects.length === 0) {
      return counts;
    }
    const rows = (await this.managerOf(tx).query(
      `SELECT assignee_subject AS subject, count(*)::int AS open
         FROM service_case
        WHERE assignee_subject = ANY($1::text[]) AND status <> 'CLOSED'
        GROUP BY assignee_subject`,
      [[...subjects]],
    )) as { subject: string; open: number }[];
    for (const row of rows) {
      counts.set(row.subject, row.open);
    }
    return counts;
  }

  /** Something was added to the case (a note, a comment, a contact): it was updated `at`. */
  async touch(tx: Transaction, caseId: string, at: Date): Promise<void> {
    await this.managerOf(tx).update(CaseEntity, { id: caseId }, { updatedAt: at });
  }

  /** Moves every case of `fromId` to `toId` (a citizens merge); returns the ids moved. */
  async moveReporter(tx: Transaction, fromId: string, toId: string): Promise<string[]> {
    const manager = this.managerOf(tx);
    const cases = await manager.find(CaseEntity, {
      where: { reporterId: fromId },
      select: { id: true },
    });
    if (cases.length > 0) {
      await manager.update(CaseEntity, { reporterId: fromId }, { reporterId: toId });
    }
    return cases.map((c) => c.id);
  }

  /** Gives a case back to `fromId` (an unmerge), unless it was re-pointed again since. */
  async restoreReporter(
    tx: Transaction,
    moved: { caseId: string; fromCitizenId: string; toCitizenId: string },
  ): Promise<void> {
    await this.managerOf(tx).update(
      CaseEntity,
      { id: moved.caseId, reporterId: moved.toCitizenId },
      { reporterId: moved.fromCitizenId },
    );
  }

  /** The resident was erased: their cases no longer name them. Returns how many did. */
  async forgetReporter(tx: Transaction, citizenId: string): Promise<number> {
    const result = await this.managerOf(tx).update(
      CaseEntity,
      { reporterId: citizenId },
      { reporterId: null },
    );
    return result.affected ?? 0;
  }
}

/** A box holding every point within `meters` of a place (a little more near the poles). */
function boxAround(
  latitude: number,
  longitude: number,
  meters: number,
): { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number } {
  const dLatitude = meters / METERS_PER_DEGREE_LATITUDE;
  const cosine = Math.max(
    Math.cos((Math.min(Math.abs(latitude) + dLatitude, 90) * Math.PI) / 180),
    1e-6,
  );
  const dLongitude = Math.min(meters / (METERS_PER_DEGREE_LATITUDE * cosine), 180);
  return {
    minLatitude: latitude - dLatitude,
    maxLatitude: latitude + dLatitude,
    minLongitude: longitude - dLongitude,
    maxLongitude: longitude + dLongitude,
  };
}

function routingColumns(routed: RoutingDecision, at: Date): Partial<CaseEntity> {
  return {
    departmentCode: routed.departmentCode,
    queueCode: routed.queueCode,
    priority: routed.priority,
    dueAt: new Date(routed.dueAt),
    routedAt: new Date(routed.routedAt),
    districtCode: routed.districtCode ?? null,
    updatedAt: at,
  };
}
