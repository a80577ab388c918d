import { Injectable, Logger } from '@nestjs/common';
import { Role, type Identity, type QueueAssignment } from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import { QueueEntity } from '../../queue.entity.js';

export interface SaveQueueCommand {
  code: string;
  departmentCode: string;
  name: string;
  assignment: QueueAssignment;
  actor: Identity;
}

const QUEUE_CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Adds a queue to a department or changes one (its name and how it assigns cases). Admins any
 * department; supervisors their own (the `departments` of their token). A queue never moves to
 * another department: cases routed to it stay in the department they were routed to, so a move
 * would leave them in a queue that is not their department's.
 */
@Injectable()
export class SaveQueueUseCase {
  private readonly logger = new Logger(SaveQueueUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: SaveQueueCommand): Promise<QueueEntity> {
    const code = command.code.trim();
    const name = command.name.trim();
    const departmentCode = command.departmentCode.trim();
    if (!QUEUE_CODE.test(code)) {
      throw CatalogException.aboutField(
        CatalogErrorCode.InvalidQueue,
        'code',
        'must be 1 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
      );
    }
    if (name.length === 0 || name.length > 200) {
      throw CatalogException.aboutField(
        CatalogErrorCode.InvalidQueue,
        'name',
        'must be 1 to 200 characters',
      );
    }
    const saved = await this.dataSource.transaction(async (m) => {
      // What the input says is checked before who may say it (as saveRoutingRule does).
      if (!(await this.catalog.department(m, departmentCode))) {
        throw CatalogException.aboutField(
          CatalogErrorCode.UnknownDepartment,
          'departmentCode',
          'names no department (query `departments`)',
        );
      }
      assertMaySaveQueuesOf(command.actor, departmentCode);
      const existing = await this.catalog.lockQueue(m, code);
      if (existing && existing.departmentCode !== departmentCode) {
        throw CatalogException.aboutField(
          CatalogErrorCode.QueueInOtherDepartment,
          'departmentCode',
          `differs from the queue's department (${existing.departmentCode}); a queue stays in its department`,
        );
      }
      const after = await this.catalog.saveQueue(
        m,
        Object.assign(new QueueEntity(), {
          code,
          departmentCode,
          name,
          priority: existing?.priority ?? false,
          assignment: command.assignment,
        }),
      );
      await this.adminChanges.record(m, {
        kind: 'QUEUE',
        entityId: code,
        action: existing ? 'UPDATED' : 'CREATED',
        changes: fieldChanges(existing, after, {
          fields: ['departmentCode', 'name', 'assignment'],
        }),
      });
      return after;
    });
    this.adminChanges.committed();
    this.logger.log({
      msg: 'queue saved',
      code,
      departmentCode,
      assignment: saved.assignment,
      by: command.actor.sub,
    });
    return saved;
  }
}

/** Admins any department's queues; supervisors their own departments'. */
export function mayManageQueuesOf(actor: Identity, departmentCode: string): boolean {
  return (
    actor.roles.includes(Role.Admin) ||
    (actor.roles.includes(Role.Supervisor) && actor.departments.includes(departmentCode))
  );
}

function assertMaySaveQueuesOf(actor: Identity, departmentCode: string): void {
  if (mayManageQueuesOf(actor, departmentCode)) {
    return;
  }
  const yours = actor.departments.length > 0 ? actor.departments.join(', ') : 'none';
  throw new CatalogException(
    CatalogErrorCode.OutsideDepartments,
    `departmentCode names department ${departmentCode}, which you do not supervise (yours: ${yours})`,
    [{ field: 'departmentCode', reason: 'names a department you do not supervise' }],
  );
}
