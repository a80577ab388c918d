import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import type { DepartmentEntity } from '../../department.entity.js';

/** The longest address SMTP carries (RFC 5321's path limit less its brackets). */
const MAX_EMAIL_LENGTH = 254;

/**
 * Administrators give a department the mailbox told of each of its cases that goes overdue
 * (docs/adr/0067), or clear it (null). Deadlines that fire afterwards carry the new address.
 */
@Injectable()
export class SetDepartmentEscalationEmailUseCase {
  private readonly logger = new Logger(SetDepartmentEscalationEmailUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(departmentCode: string, email: string | null): Promise<DepartmentEntity> {
    const address = email?.trim() || null;
    if (address !== null && (address.length > MAX_EMAIL_LENGTH || !isEmail(address))) {
      throw CatalogException.aboutField(
        CatalogErrorCode.InvalidEmail,
        'email',
        `must be an e-mail address of at most ${MAX_EMAIL_LENGTH} characters, or null for none`,
      );
    }
    const updated = await this.dataSource.transaction(async (m) => {
      const before = await this.catalog.department(m, departmentCode);
      const after = await this.catalog.setDepartmentEscalationEmail(m, departmentCode, address);
      if (!after) {
        throw CatalogException.aboutField(
          CatalogErrorCode.UnknownDepartment,
          'departmentCode',
          'names no department (query `departments`)',
        );
      }
      // The department's mailbox is its configuration, kept with its values like the rest.
      await this.adminChanges.record(m, {
        kind: 'DEPARTMENT',
        entityId: departmentCode,
        action: 'UPDATED',
        changes: fieldChanges(before, after, { fields: ['escalationEmail'] }),
      });
      return after;
    });
    this.adminChanges.committed();
    this.logger.log({ msg: 'department escalation e-mail set', departmentCode, set: !!address });
    return updated;
  }
}
