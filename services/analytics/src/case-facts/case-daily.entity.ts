import { Column, Entity, PrimaryColumn } from 'typeorm';

const PK = 'case_daily_pkey';

/**
 * The daily rollup of case facts (docs/adr/0056): per local day of the jurisdiction and per
 * department, service, district, channel, priority and history-or-live, what happened that day.
 * Kept by `CaseFactRepository` in the transaction that changes a fact: the fact's old contribution
 * is taken away and its new one added, so the rollup is always the sum of the facts. Keys are never
 * null: an unknown value is `unrouted` (department) or `unknown`.
 */
@Entity('case_daily')
export class CaseDailyEntity {
  @PrimaryColumn('date', { primaryKeyConstraintName: PK })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: PK })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: PK })
  serviceCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: PK })
  districtCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: PK })
  channel: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: PK })
  priority: string;

  /** Imported history (true) or live work (false). */
  @PrimaryColumn('boolean', { primaryKeyConstraintName: PK })
  history: boolean;

  /** Cases opened that day (duplicates not counted). */
  @Column('integer', { default: 0 })
  received: number;

  /** Of those, how many are not closed now. */
  @Column('integer', { default: 0 })
  stillOpen: number;

  /** Cases whose (last) closure fell on that day. */
  @Column('integer', { default: 0 })
  closed: number;

  /** Reopenings that day. */
  @Column('integer', { default: 0 })
  reopened: number;

  /** Closures that day by their due time, and after it. */
  @Column('integer', { default: 0 })
  slaMet: number;

  @Column('integer', { default: 0 })
  slaMissed: number;

  /** Sum of the hours to close of that day's closures (for averages). */
  @Column('double precision', { default: 0 })
  hoursToCloseSum: number;

  /** Cases whose due time fell that day without a closure by then: they became overdue. */
  @Column('integer', { default: 0 })
  becameOverdue: number;

  /** Overdue cases closed that day. */
  @Column('integer', { default: 0 })
  overdueEnded: number;
}
