import { Injectable } from '@nestjs/common';
import { AssignmentReason, CaseAssigned, CaseStatus, QueueAssignment } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { StaffRepository, type StaffMemberEntity } from '../../../staff/index.js';
import { TimelineKind, TimelineRepository, Visibility } from '../../../timeline/index.js';
import type { CaseEntity } from '../../case.entity.js';
import { CaseRepository } from '../../case.repository.js';
import { pickAssignee } from './assignment-policy.js';

/**
 * The one way a case changes hands (docs/adr/0059), inside the caller's transaction on a case row
 * it has locked and checked: the assignee columns, an internal ASSIGNED timeline entry naming
 * who, and `case-assigned`, which analytics counts.
 */
@Injectable()
export class CaseAssigner {
  constructor(
    private readonly cases: CaseRepository,
    private readonly staff: StaffRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  /** Gives `found` to `to` (null: to nobody); a no-op when it is theirs already. */
  async assign(
    tx: Transaction,
    found: CaseEntity,
    to: StaffMemberEntity | null,
    reason: AssignmentReason,
    by: string | null,
    at = new Date(),
  ): Promise<CaseEntity> {
    const previous = found.assigneeSubject;
    const next = to?.subject ?? null;
    if (previous === next) {
      return found;
    }
    await this.cases.assign(tx, found.id, next, at);
    if (to) {
      await this.staff.markAssigned(tx, to.subject, at);
    }
    await this.timeline.append(tx, {
      caseId: found.id,
      kind: TimelineKind.Assigned,
      summary: summaryOf(to, reason),
      caseStatus: found.status,
      visibility: Visibility.Internal,
      at,
      author: by,
    });
    await tx.emit(CaseAssigned, {
      caseId: found.id,
      ticketNumber: found.ticketNumber,
      departmentCode: found.departmentCode ?? '',
      queueCode: found.queueCode,
      assigneeSubject: next,
      previousAssigneeSubject: previous,
      reason,
      assignedBy: by,
      assignedAt: at.toISOString(),
    });
    return Object.assign(found, {
      assigneeSubject: next,
      assignedAt: next ? at : null,
      updatedAt: at,
    });
  }

  /**
   * Gives a routed case to whoever its queue's policy picks among the queue's active members under
   * their capacity (`except` left out: someone being deactivated); nobody when the policy is
   * MANUAL or everyone is full. `by`: who caused it (null: the system). Returns who was chosen.
   */
  async assignByPolicy(
    tx: Transaction,
    found: CaseEntity,
    policy: QueueAssignment,
    reason: AssignmentReason,
    { except, by = null }: { except?: string; by?: string | null } = {},
  ): Promise<string | null> {
    if (
      policy === QueueAssignment.MANUAL ||
      found.status === CaseStatus.CLOSED ||
      !found.departmentCode ||
      !found.queueCode
    ) {
      return null;
    }
    const members = (
      await this.staff.lockQueueMembers(tx, found.departmentCode, found.queueCode)
    ).filter((m) => m.subject !== except);
    const open = await this.cases.openCountsOf(
      tx,
      members.map((m) => m.subject),
    );
    const chosen = pickAssignee(
      policy,
      members.map((m) => ({
        subject: m.subject,
        capacity: m.capacity,
        open: open.get(m.subject) ?? 0,
        lastAssignedAt: m.lastAssignedAt,
      })),
    );
    const member = members.find((m) => m.subject === chosen) ?? null;
    if (member) {
      await this.assign(tx, found, member, reason, by);
    }
    return member?.subject ?? null;
  }
}

function summaryOf(to: StaffMemberEntity | null, reason: AssignmentReason): string {
  if (!to) {
    return reason === AssignmentReason.REASSIGNED
      ? 'Unassigned: its assignee was deactivated'
      : 'Unassigned';
  }
  switch (reason) {
    case AssignmentReason.CLAIMED:
      return `Claimed by ${to.name}`;
    case AssignmentReason.AUTOMATIC:
      return `Assigned to ${to.name} by the queue's policy`;
    case AssignmentReason.REASSIGNED:
      return `Reassigned to ${to.name}: its assignee was deactivated`;
    case AssignmentReason.ASSIGNED:
      return `Assigned to ${to.name}`;
  }
}
