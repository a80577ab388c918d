import { Injectable, Logger } from '@nestjs/common';
import {
  AssignmentReason,
  GetDepartmentQueues,
  QueueAssignment,
  Role,
  type Identity,
} from '@civitas/contracts';
import { AdminChangeRecorder, BusClient, fieldChanges, UnitOfWork } from '@civitas/messaging';
import { StaffMemberEntity, StaffRepository } from '../../../staff/index.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
import { CaseAssigner } from '../assign-case/case-assigner.js';

export interface SaveStaffMemberCommand {
  subject: string;
  name: string;
  email: string;
  departmentCodes: string[];
  queueCodes: string[];
  capacity: number | null;
  active: boolean;
  actor: Identity;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_CAPACITY = 10_000;
const MAX_CODES = 50;

/**
 * Adds someone to the staff directory or changes them (docs/adr/0059). Admins anyone; supervisors
 * people who work only for departments of theirs, before and after the change. The departments
 * and queues are checked with routing, which owns them, before the transaction (docs/adr/0032).
 * Deactivating someone hands each of their open cases on by its queue's policy, or leaves it
 * unassigned, in the same transaction: no open case is left with someone who gets no work.
 */
@Injectable()
export class SaveStaffMemberUseCase {
  private readonly logger = new Logger(SaveStaffMemberUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: BusClient,
    private readonly staff: StaffRepository,
    private readonly cases: CaseRepository,
    private readonly assigner: CaseAssigner,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: SaveStaffMemberCommand): Promise<StaffMemberEntity> {
    const input = validated(command);
    assertMaySupervise(command.actor, input.departmentCodes, 'departmentCodes');
    const existing = await this.staff.bySubject(input.subject);
    if (existing) {
      assertMaySupervise(command.actor, existing.departmentCodes, 'subject');
    }
    // The queues of their open cases too: deactivating them hands those on by each queue's policy.
    const openQueues = await this.cases.openQueueCodesOf(input.subject);
    const known = await this.bus.request(GetDepartmentQueues, {
      departmentCodes: input.departmentCodes,
      queueCodes: [...new Set([...input.queueCodes, ...openQueues])],
    });
    assertKnown(input, known.departmentCodes, known.queues);
    const policies = new Map(known.queues.map((q) => [q.code, q.assignment]));

    const { saved, handedOn } = await this.uow.run(async (tx) => {
      const before = await this.staff.lock(tx, input.subject);
      if (before) {
        assertMaySupervise(command.actor, before.departmentCodes, 'subject');
      }
      const member = Object.assign(new StaffMemberEntity(), {
        ...input,
        lastAssignedAt: before?.lastAssignedAt ?? null,
        updatedAt: new Date(),
        updatedBy: command.actor.sub,
      });
      await this.staff.save(tx, member);
      // Their name and e-mail are personal data: the log says they changed, not what to.
      await this.adminChanges.record(tx, {
        kind: 'STAFF_MEMBER',
        entityId: member.subject,
        action: before ? 'UPDATED' : 'CREATED',
        changes: fieldChanges(before, member, {
          fields: ['name', 'email', 'departmentCodes', 'queueCodes', 'capacity', 'active'],
          withhold: ['name', 'email'],
        }),
      });
      let moved = 0;
      if (before?.active && !member.active) {
        for (const found of await this.cases.lockOpenAssignedTo(tx, member.subject)) {
          const policy =
            (found.queueCode && policies.get(found.queueCode)) || QueueAssignment.MANUAL;
          const chosen = await this.assigner.assignByPolicy(
            tx,
            found,
            policy,
            AssignmentReason.REASSIGNED,
            { except: member.subject, by: command.actor.sub },
          );
          if (!chosen) {
            await this.assigner.assign(
              tx,
              found,
              null,
              AssignmentReason.REASSIGNED,
              command.actor.sub,
            );
          }
          moved += 1;
        }
      }
      return { saved: member, handedOn: moved };
    });
    this.logger.log({
      msg: 'staff member saved',
      subject: saved.subject,
      active: saved.active,
      handedOn,
      by: command.actor.sub,
    });
    return saved;
  }
}

type StaffInput = Omit<SaveStaffMemberCommand, 'actor'>;

function validated(command: SaveStaffMemberCommand): StaffInput {
  const subject = command.subject.trim();
  const name = command.name.trim();
  const email = command.email.trim().toLowerCase();
  const departmentCodes = [...new Set(command.departmentCodes.map((c) => c.trim()))];
  const queueCodes = [...new Set(command.queueCodes.map((c) => c.trim()))];
  const bad = (field: string, reason: string): CaseException =>
    CaseException.aboutField(CaseErrorCode.InvalidInput, field, reason);
  if (subject.length === 0 || subject.length > 200) {
    throw bad('subject', 'must be 1 to 200 characters: the sign-in subject (`sub`) of their token');
  }
  if (name.length === 0 || name.length > 200) {
    throw bad('name', 'must be 1 to 200 characters');
  }
  if (email.length > 320 || !EMAIL.test(email)) {
    throw bad('email', 'must be an e-mail address');
  }
  if (departmentCodes.length === 0 || departmentCodes.length > MAX_CODES) {
    throw bad('departmentCodes', `must name 1 to ${MAX_CODES} departments`);
  }
  if (queueCodes.length > MAX_CODES) {
    throw bad('queueCodes', `must name at most ${MAX_CODES} queues`);
  }
  if (departmentCodes.includes('') || queueCodes.includes('')) {
    throw bad(departmentCodes.includes('') ? 'departmentCodes' : 'queueCodes', 'has a blank code');
  }
  if (command.capacity !== null && (command.capacity < 1 || command.capacity > MAX_CAPACITY)) {
    throw bad('capacity', `must be between 1 and ${MAX_CAPACITY} open cases, or null for no limit`);
  }
  return { ...command, subject, name, email, departmentCodes, queueCodes };
}

/** Admins anyone; supervisors only people of departments they supervise. */
function assertMaySupervise(actor: Identity, departments: readonly string[], field: string): void {
  if (actor.roles.includes(Role.Admin)) {
    return;
  }
  const outside = departments.filter((d) => !actor.departments.includes(d));
  if (actor.roles.includes(Role.Supervisor) && outside.length === 0) {
    return;
  }
  const yours = actor.departments.length > 0 ? actor.departments.join(', ') : 'none';
  const reason = `works for departments you do not supervise (${outside.join(', ')}; yours: ${yours})`;
  throw new CaseException(CaseErrorCode.OutsideDepartments, `${field} ${reason}`, [
    { field, reason },
  ]);
}

function assertKnown(
  input: StaffInput,
  departments: readonly string[],
  queues: readonly { code: string; departmentCode: string }[],
): void {
  const unknownDepartment = input.departmentCodes.find((d) => !departments.includes(d));
  if (unknownDepartment) {
    throw CaseException.aboutField(
      CaseErrorCode.UnknownDepartment,
      'departmentCodes',
      `names no department: ${unknownDepartment} (query \`departments\`)`,
    );
  }
  for (const code of input.queueCodes) {
    const queue = queues.find((q) => q.code === code);
    if (!queue) {
      throw CaseException.aboutField(
        CaseErrorCode.UnknownQueue,
        'queueCodes',
        `names no queue: ${code} (query \`queues\`)`,
      );
    }
    if (!input.departmentCodes.includes(queue.departmentCode)) {
      throw CaseException.aboutField(
        CaseErrorCode.QueueNotInDepartment,
        'queueCodes',
        `names ${code}, a queue of ${queue.departmentCode}, which is not in departmentCodes`,
      );
    }
  }
}
