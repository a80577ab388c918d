import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Holiday, OpeningHours } from './business-calendar.js';

/**
 * When a department works (docs/adr/0054): opening hours per day of the week in one IANA time
 * zone, and the dates it is closed. Saved whole, so its hours and holidays are jsonb.
 */
@Entity('business_calendar')
export class BusinessCalendarEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  timeZone: string;

  @Column('jsonb')
  hours: OpeningHours[];

  @Column('jsonb', { default: () => "'[]'" })
  holidays: Holiday[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
