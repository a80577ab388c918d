import { Injectable, Logger } from '@nestjs/common';
import { AssignmentReason, CaseStatus, Role, type Identity } from '@civitas/contracts';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import { StaffRepository, type StaffMemberEntity } from '../../../staff/index.js';
import type { CaseEntity } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
import { CaseReadScope } from '../../case-read-scope.js';
import { assertMayWorkCase } from '../change-status/case-work-scope.js';
import { CaseAssigner } from './case-assigner.js';

export interface AssignCaseCommand {
  ticketNumber: string;
  /** Who gets it; for a claim, the caller. */
  assigneeSubject: string;
  actor: Identity;
}

export interface CaseCommand {
  ticketNumber: string;
  actor: Identity;
}

/**
 * Staff give a case to someone (supervisors, admins), take it themselves (claim), or take it back
 * (docs/adr/0059). The case row is locked while it is checked and changed, so two claims at once
 * are applied one after the other and the second sees the first's assignee. A person is chosen
 * by hand beyond their capacity if need be: capacity limits what the queue's policy gives.
 */
@Injectable()
export class AssignCaseUseCase {
  private readonly logger = new Logger(AssignCaseUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly staff: StaffRepository,
    private readonly assigner: CaseAssigner,
  ) {}

  assign(command: AssignCaseCommand): Promise<CaseEntity> {
    return this.change(command, AssignmentReason.ASSIGNED, 'assigneeSubject');
  }

  claim(command: CaseCommand): Promise<CaseEntity> {
    return this.change(
      { ...command, assigneeSubject: command.actor.sub ?? '' },
      AssignmentReason.CLAIMED,
      'ticketNumber',
    );
  }

  async unassign(command: CaseCommand): Promise<CaseEntity> {
    const changed = await this.uow.run(async (tx) => {
      const found = await this.lockWorkable(tx, command);
      const isSupervising = command.actor.roles.some(
        (r) => r === Role.Supervisor || r === Role.Admin,
      );
      if (!isSupervising && found.assigneeSubject !== command.actor.sub) {
        throw new CaseException(
          CaseErrorCode.OutsideDepartments,
          `Case ${found.ticketNumber} is not yours to give back; a supervisor may unassign it`,
          [{ field: 'ticketNumber', reason: 'the case is assigned to someone else, or to nobody' }],
        );
      }
      return this.assigner.assign(tx, found, null, AssignmentReason.ASSIGNED, command.actor.sub);
    });
    this.logger.log({ msg: 'case unassigned', ticketNumber: changed.ticketNumber });
    return changed;
  }

  private async change(
    command: AssignCaseCommand,
    reason: AssignmentReason,
    assigneeField: string,
  ): Promise<CaseEntity> {
    const changed = await this.uow.run(async (tx) => {
      const found = await this.lockWorkable(tx, command);
      const assignee = await this.staff.lock(tx, command.assigneeSubject);
      assertMayTake(found, assignee, command.assigneeSubject, assigneeField, reason);
      return this.assigner.assign(tx, found, assignee, reason, command.actor.sub);
    });
    this.logger.log({
      msg: 'case assigned',
      ticketNumber: changed.ticketNumber,
      to: changed.assigneeSubject,
      reason,
      by: command.actor.sub,
    });
    return changed;
  }

  /** The case, locked, if it is open work of a department the caller works for. */
  private async lockWorkable(tx: Transaction, command: CaseCommand): Promise<CaseEntity> {
    const found = await this.cases.lockByTicket(
      tx,
      command.ticketNumber,
      CaseReadScope.of(command.actor),
    );
    if (!found) {
      throw CaseException.notFound(command.ticketNumber);
    }
    if (found.departmentCode === null) {
      throw CaseException.aboutField(
        CaseErrorCode.NotRouted,
        'ticketNumber',
        'names a case not routed yet: it has no department to work it',
      );
    }
    assertMayWorkCase(command.actor, found);
    if (found.status === CaseStatus.CLOSED) {
      throw CaseException.aboutField(
        CaseErrorCode.CaseClosed,
        'ticketNumber',
        'names a closed case: reopen it first',
      );
    }
    return found;
  }
}

function assertMayTake(
  found: CaseEntity,
  assignee: StaffMemberEntity | null,
  subject: string,
  field: string,
  reason: AssignmentReason,
): asserts assignee is StaffMemberEntity {
  const who = reason === AssignmentReason.CLAIMED ? 'you are' : `${subject} is`;
  if (!assignee) {
    throw CaseException.aboutField(
      CaseErrorCode.StaffNotFound,
      field,
      `cannot be assigned: ${who} not in the staff directory (saveStaffMember)`,
    );
  }
  if (!assignee.active) {
    throw CaseException.aboutField(
      CaseErrorCode.StaffInactive,
      field,
      `cannot be assigned: ${who} inactive in the staff directory`,
    );
  }
  if (found.departmentCode === null || !assignee.departmentCodes.includes(found.departmentCode)) {
    throw CaseException.aboutField(
      CaseErrorCode.AssigneeOutsideDepartment,
      field,
      `cannot be assigned: ${who} not staff of department ${found.departmentCode ?? '(none)'}`,
    );
  }
}
