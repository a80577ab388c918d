import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';

/** A work queue inside a department; each department has a general and a priority queue. */
@Entity('queue')
export class QueueEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  @ForeignKey(() => DepartmentEntity, 'code', { name: 'queue_department_code_fkey' })
  departmentCode: string;

  @Column('text')
  name: string;

  @Column('boolean', { default: false })
  priority: boolean;
}
