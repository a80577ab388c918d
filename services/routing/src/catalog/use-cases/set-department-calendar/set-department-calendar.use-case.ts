import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { BusinessCalendarRepository } from '../../../calendars/index.js';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import type { DepartmentEntity } from '../../department.entity.js';

/**
 * Administrators choose the business calendar a department's business-hour targets are counted
 * in. Cases routed before keep their due times; those routed after use the new calendar.
 */
@Injectable()
export class SetDepartmentCalendarUseCase {
  private readonly logger = new Logger(SetDepartmentCalendarUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly calendars: BusinessCalendarRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(departmentCode: string, calendarCode: string): Promise<DepartmentEntity> {
    const saved = await this.dataSource.transaction(async (m) => {
      if (!(await this.calendars.calendar(calendarCode, m))) {
        const known = (await this.calendars.all()).map((c) => c.code);
        throw CatalogException.aboutField(
          CatalogErrorCode.UnknownCalendar,
          'calendarCode',
          `names no business calendar; known: ${known.join(', ')}`,
        );
      }
      const before = await this.catalog.department(m, departmentCode);
      const updated = await this.catalog.setDepartmentCalendar(m, departmentCode, calendarCode);
      if (!updated) {
        throw CatalogException.aboutField(
          CatalogErrorCode.UnknownDepartment,
          'departmentCode',
          'names no department (query `departments`)',
        );
      }
      await this.adminChanges.record(m, {
        kind: 'DEPARTMENT',
        entityId: departmentCode,
        action: 'UPDATED',
        changes: fieldChanges(before, updated, { fields: ['calendarCode'] }),
      });
      return updated;
    });
    this.adminChanges.committed();
    this.logger.log({ msg: 'department calendar set', departmentCode, calendarCode });
    return saved;
  }
}
