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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
