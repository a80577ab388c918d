import { Injectable } from '@nestjs/common';
import type { CaseStatus, SlaClock } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DeadlineKind, DeadlineState, SlaDeadlineEntity } from './sla-deadline.entity.js';
import { StatusChangeAheadEntity } from './status-change-ahead.entity.js';

// First key of the two-part advisory locks that serialise, per case, arming its deadlines and
// applying its status changes to them (docs/adr/0080).
const CASE_DEADLINES_LOCK_SPACE = 58;

/** A status change of a case, as the status consumer applies it to the deadlines. */
export interface StatusChangeOfCase {
  caseId: string;
  from: CaseStatus;
  to: CaseStatus;
  changedAt: Date;
}

/** A deadline the timer has just fired, with what its event tells about the case. */
export interface FiredDeadline {
  caseId: string;
  kind: DeadlineKind;
  ticketNumber: string;
  serviceCode: string;
  departmentCode: string;
  atRiskAt: Date;
  dueAt: Date;
  /** The department's escalation mailbox now (docs/adr/0067); null when none is set. */
  escalationEmail: string | null;
  departmentName: string | null;
  serviceName: string | null;
}

/** A live case's deadlines, locked, with what pausing them on hold needs (docs/adr/0068). */
export interface CaseDeadlines {
  ticketNumber: string;
  departmentCode: string;
  slaClock: SlaClock;
  /** The case's service pauses its clock while ON_HOLD (routing's catalog, as it is now). */
  pausesOnHold: boolean;
  deadlines: SlaDeadlineEntity[];
}

/** The one writer of `sla_deadline` and `status_change_ahead` (docs/adr/0027, 0058, 0080). */
@Injectable()
export class SlaDeadlineRepository extends TransactionalRepository {
  /**
   * Holds, until the caller's transaction ends, the right to arm or settle the case's deadlines:
   * routing arming them and the status consumer applying a change then see each other's work,
   * whichever commits first (docs/adr/0080).
   */
  async lockCase(tx: Transaction, caseId: string): Promise<void> {
    await this.managerOf(tx).query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      CASE_DEADLINES_LOCK_SPACE,
      caseId,
    ]);
  }

  /**
   * Keeps a status change of a case routing has not routed yet, to apply once it arms the case's
   * deadlines; false (nothing kept) when the case is routed (it has deadlines, or never will:
   * imported, or routed before deadlines existed). Call under `lockCase`.
   */
  async keepIfNotRouted(tx: Transaction, change: StatusChangeOfCase): Promise<boolean> {
    const [routed] = (await this.managerOf(tx).query(
      'SELECT 1 FROM case_routing WHERE case_id = $1',
      [change.caseId],
    )) as unknown[];
    if (routed) {
      return false;
    }
    await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(StatusChangeAheadEntity)
      .values({
        caseId: change.caseId,
        changedAt: change.changedAt,
        fromStatus: change.from,
        toStatus: change.to,
      })
      .orIgnore()
      .execute();
    return true;
  }

  /** The status changes kept for a case ahead of its routing, oldest first, now forgotten. */
  async takeChangesAhead(tx: Transaction, caseId: string): Promise<StatusChangeOfCase[]> {
    const [rows] = (await this.managerOf(tx).query(
      `DELETE FROM status_change_ahead WHERE case_id = $1
       RETURNING case_id, changed_at, from_status, to_status`,
      [caseId],
    )) as [{ case_id: string; changed_at: Date; from_status: string; to_status: string }[], number];
    return rows
      .map((r) => ({
        caseId: r.case_id,
        changedAt: r.changed_at,
        from: r.from_status as CaseStatus,
        to: r.to_status as CaseStatus,
      }))
      .sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  }

  /** Imported cases are never armed: what was kept for them ahead of their routing goes. */
  async forgetChangesAhead(tx: Transaction, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length > 0) {
      await this.managerOf(tx).query('DELETE FROM status_change_ahead WHERE case_id = ANY($1)', [
        caseIds,
      ]);
    }
  }

  /** Arms both deadlines of a live case just routed; a redelivery arms nothing twice. */
  async arm(tx: Transaction, caseId: string, at: { atRiskAt: Date; dueAt: Date }): Promise<void> {
    await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(SlaDeadlineEntity)
      .values([
        { caseId, kind: DeadlineKind.AT_RISK, dueAt: at.atRiskAt, state: DeadlineState.PENDING },
        { caseId, kind: DeadlineKind.OVERDUE, dueAt: at.dueAt, state: DeadlineState.PENDING },
      ])
      .orIgnore()
      .execute();
  }

  /**
   * Claims up to `limit` deadlines due now, oldest first, and records them FIRED in the caller's
   * transaction, which emits their events: both commit together or neither does. `SKIP LOCKED`
   * lets replicas claim side by side without waiting on, or firing, each other's rows.
   */
  async fireDue(tx: Transaction, limit: number): Promise<FiredDeadline[]> {
    const rows = (await this.managerOf(tx).query(
      `WITH due AS (
         SELECT case_id, kind FROM sla_deadline
          WHERE state = 'PENDING' AND due_at <= now()
          ORDER BY due_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE sla_deadline d
          SET state = 'FIRED', fired_at = now()
         FROM due
         JOIN case_routing r ON r.case_id = due.case_id
         LEFT JOIN sla_deadline ar ON ar.case_id = due.case_id AND ar.kind = 'AT_RISK'
         LEFT JOIN sla_deadline od ON od.case_id = due.case_id AND od.kind = 'OVERDUE'
         LEFT JOIN department dep ON dep.code = r.department_code
         LEFT JOIN service svc ON svc.code = r.service_code
        WHERE d.case_id = due.case_id AND d.kind = due.kind
       RETURNING d.case_id, d.kind, d.due_at AS fires_at, r.ticket_number, r.service_code,
                 r.department_code,
                 -- The deadlines' own times: a hold may have moved them (docs/adr/0068).
                 coalesce(ar.due_at, r.at_risk_at) AS at_risk_at,
                 coalesce(od.due_at, r.due_at) AS due_at, dep.escalation_email,
                 dep.name AS department_name, svc.name AS service_name`,
      [limit],
    )) as [Row[], number];
    return rows[0]
      .map((row) => ({
        caseId: row.case_id,
        kind: row.kind,
        ticketNumber: row.ticket_number,
        serviceCode: row.service_code,
        departmentCode: row.department_code,
        atRiskAt: row.at_risk_at,
        dueAt: row.due_at,
        escalationEmail: row.escalation_email,
        departmentName: row.department_name,
        serviceName: row.service_name,
        firesAt: row.fires_at,
      }))
      .sort((a, b) => a.firesAt.getTime() - b.firesAt.getTime())
      .map(({ firesAt: _, ...fired }) => fired);
  }

  /**
   * The deadlines of a live case, locked for the caller's transaction, with its routing and its
   * service's `pausesOnHold`; null for a case routing never armed (imported, or routed before
   * deadlines existed).
   */
  async ofCase(tx: Transaction, caseId: string): Promise<CaseDeadlines | null> {
    const manager = this.managerOf(tx);
    const deadlines = await manager
      .getRepository(SlaDeadlineEntity)
      .createQueryBuilder('d')
      .where('d.case_id = :caseId', { caseId })
      .orderBy('d.kind')
      .setLock('pessimistic_write')
      .getMany();
    if (deadlines.length === 0) {
      return null;
    }
    const [routed] = (await manager.query(
      `SELECT r.ticket_number, r.department_code, r.sla_clock, coalesce(s.pauses_on_hold, false) AS pauses_on_hold
         FROM case_routing r LEFT JOIN service s ON s.code = r.service_code
        WHERE r.case_id = $1`,
      [caseId],
    )) as {
      ticket_number: string;
      department_code: string;
      sla_clock: SlaClock;
      pauses_on_hold: boolean;
    }[];
    if (!routed) {
      return null;
    }
    return {
      ticketNumber: routed.ticket_number,
      departmentCode: routed.department_code,
      slaClock: routed.sla_clock,
      pausesOnHold: routed.pauses_on_hold,
      deadlines,
    };
  }

  /** The case went on hold: the deadline stops with `leftMs` of its clock left. */
  async hold(
    tx: Transaction,
    caseId: string,
    kind: DeadlineKind,
    leftMs: number,
    at: Date,
  ): Promise<void> {
    await this.managerOf(tx).update(
      SlaDeadlineEntity,
      { caseId, kind, state: DeadlineState.PENDING },
      { state: DeadlineState.HELD, heldMs: String(Math.round(leftMs)), heldAt: at },
    );
  }

  /** The case left hold: the deadline is pending again, now due at `dueAt`. */
  async resume(tx: Transaction, caseId: string, kind: DeadlineKind, dueAt: Date): Promise<void> {
    await this.managerOf(tx).update(
      SlaDeadlineEntity,
      { caseId, kind, state: DeadlineState.HELD },
      { state: DeadlineState.PENDING, dueAt, heldMs: null },
    );
  }

  /** The case closed: what has not fired yet never will (unless it is reopened). */
  async cancelPending(tx: Transaction, caseId: string): Promise<number> {
    return this.move(tx, caseId, DeadlineState.PENDING, DeadlineState.CANCELLED);
  }

  /** The case was reopened: what closing cancelled is pending again (and fires if already past). */
  async rearmCancelled(tx: Transaction, caseId: string): Promise<number> {
    return this.move(tx, caseId, DeadlineState.CANCELLED, DeadlineState.PENDING);
  }

  private async move(
    tx: Transaction,
    caseId: string,
    from: DeadlineState,
    to: DeadlineState,
  ): Promise<number> {
    const result = await this.managerOf(tx).update(
      SlaDeadlineEntity,
      { caseId, state: from },
      { state: to },
    );
    return result.affected ?? 0;
  }
}

interface Row {
  case_id: string;
  kind: DeadlineKind;
  fires_at: Date;
  ticket_number: string;
  service_code: string;
  department_code: string;
  at_risk_at: Date;
  due_at: Date;
  escalation_email: string | null;
  department_name: string | null;
  service_name: string | null;
}
