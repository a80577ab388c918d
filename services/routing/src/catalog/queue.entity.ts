import { QueueAssignment } from '@civitas/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';

/** A work queue inside a department; each department has a general and a priority queue. */
@Entity('queue')
@Check('queue_assignment_check', "assignment IN ('MANUAL', 'ROUND_ROBIN', 'LEAST_LOADED')")
@Index('queue_department_code_idx', ['departmentCode'])
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

  /** How new cases are given to people (docs/adr/0059); cases applies it when a case is routed. */
  @Column('text', { default: QueueAssignment.MANUAL })
  assignment: QueueAssignment;
}
