import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HISTOGRAM_COLUMNS } from './close-hours-histogram.js';

/**
 * What happened on one local day (or month) to the cases under one key (the same in every
 * rollup).
 */
abstract class DailyFigures {
  /** Cases opened that day (duplicates not counted). */
  @Column('integer', { default: 0 })
  received: number;

  /** Of those, how many are not closed now. */
  @Column('integer', { default: 0 })
  stillOpen: number;

  /** Of those, how many have a due time (`overdueNow` is these less the ones not yet due). */
  @Column('integer', { default: 0 })
  stillOpenDue: number;

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

  /** Sum of the closure survey scores answered that day (a case's latest answer; ADR 0060). */
  @Column('integer', { default: 0 })
  satisfactionSum: number;

  /** Closure survey answers that day (for averages). */
  @Column('integer', { default: 0 })
  satisfactionResponses: number;

  /** Cases routing's deadline timer escalated that day (found open past their due time). */
  @Column('integer', { default: 0 })
  escalated: number;
}

/**
 * The figures with the histogram of hours to close of the closures with a time
 * (`close-hours-histogram.ts`): one column per bucket, `h00` to `h63`, declared from the buckets.
 */
abstract class FiguresWithHistogram extends DailyFigures {}
for (const column of HISTOGRAM_COLUMNS) {
  Column('integer', { default: 0 })(FiguresWithHistogram.prototype, column);
}

/**
 * The daily rollups of case facts (docs/adr/0056): per local day of the jurisdiction and per key,
 * what happened that day. Kept by `CaseFactRepository` in the transaction that changes a fact: the
 * fact's old contribution is taken away and its new one added, so each rollup is always the sum of
 * the facts. Keys are never null: an unknown value is `unrouted` (department) or `unknown`.
 * `case_daily` has every key; the two others fewer, and far fewer rows (ROLLUPS).
 */
@Entity('case_daily')
export class CaseDailyEntity extends DailyFigures {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_daily_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_pkey' })
  serviceCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_pkey' })
  districtCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_pkey' })
  channel: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_pkey' })
  priority: string;

  /** Imported history (true) or live work (false). */
  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_daily_pkey' })
  history: boolean;
}

/** Per day, department, service, channel, priority and history: no district. */
@Entity('case_daily_service')
export class CaseDailyServiceEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  channel: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  priority: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_daily_service_pkey' })
  history: boolean;
}

/** Per day, department, district and history. */
@Entity('case_daily_district')
export class CaseDailyDistrictEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_daily_district_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_district_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_district_pkey' })
  districtCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_daily_district_pkey' })
  history: boolean;
}

/** Per day, department and history. */
@Entity('case_daily_department')
export class CaseDailyDepartmentEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_daily_department_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_department_pkey' })
  departmentCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_daily_department_pkey' })
  history: boolean;
}

/** Per day, department, service and history. */
@Entity('case_daily_department_service')
export class CaseDailyDepartmentServiceEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_daily_department_service_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_department_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_daily_department_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_daily_department_service_pkey' })
  history: boolean;
}

/** The monthly rollups (docs/adr/0064): `day` is the first day of the local month. */
@Entity('case_monthly_department')
export class CaseMonthlyDepartmentEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_monthly_department_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_department_pkey' })
  departmentCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_monthly_department_pkey' })
  history: boolean;
}

@Entity('case_monthly_department_service')
export class CaseMonthlyDepartmentServiceEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_monthly_department_service_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_department_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_department_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_monthly_department_service_pkey' })
  history: boolean;
}

@Entity('case_monthly_district')
export class CaseMonthlyDistrictEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_monthly_district_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_district_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_district_pkey' })
  districtCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_monthly_district_pkey' })
  history: boolean;
}

@Entity('case_monthly_service')
export class CaseMonthlyServiceEntity extends FiguresWithHistogram {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  channel: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  priority: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_monthly_service_pkey' })
  history: boolean;
}
