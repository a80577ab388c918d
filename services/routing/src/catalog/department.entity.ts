import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { BusinessCalendarEntity, DEFAULT_CALENDAR_CODE } from '../calendars/index.js';

@Entity('department')
export class DepartmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  /** The business calendar its business-hour targets are counted in (docs/adr/0054). */
  @Column('text', { default: DEFAULT_CALENDAR_CODE })
  @ForeignKey(() => BusinessCalendarEntity, 'code', { name: 'department_calendar_code_fkey' })
  calendarCode: string;

  /**
   * The department's mailbox told of each of its cases that goes overdue (docs/adr/0067); set by
   * an admin, null for none. A department's address, never a resident's.
   */
  @Column('text', { nullable: true })
  escalationEmail: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
