import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The opening rollups (docs/adr/0071, `OPENING_ROLLUPS`): cases received per local month (`day`
 * is its first day) and per local day of the week and hour (demand) or per 250 m cell (hot
 * spots), by the keys a question filters on. Kept by `CaseFactRepository` in the transaction that
 * changes a fact, only when its opening, keys, location or duplicate mark change; created and
 * filled by the migration `AddDemandAndHotSpotRollups1767630000100`.
 */
abstract class Received {
  /** Cases received (duplicates not counted). */
  @Column('integer', { default: 0 })
  received: number;
}

/** Per local month, day of the week (0 = Sunday) and hour, and history. */
@Entity('case_demand_monthly')
export class CaseDemandMonthlyEntity extends Received {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_demand_monthly_pkey' })
  day: string;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_pkey' })
  dayOfWeek: number;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_pkey' })
  hour: number;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_demand_monthly_pkey' })
  history: boolean;
}

/** The same by department. */
@Entity('case_demand_monthly_department')
export class CaseDemandMonthlyDepartmentEntity extends Received {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_demand_monthly_department_pkey' })
  day: string;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_department_pkey' })
  dayOfWeek: number;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_department_pkey' })
  hour: number;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_demand_monthly_department_pkey' })
  departmentCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_demand_monthly_department_pkey' })
  history: boolean;
}

/** The same by department and service. */
@Entity('case_demand_monthly_service')
export class CaseDemandMonthlyServiceEntity extends Received {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  day: string;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  dayOfWeek: number;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  hour: number;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_demand_monthly_service_pkey' })
  history: boolean;
}

/** Per 250 m cell (row and column of `gridCellOf`'s grid), local month and history. */
@Entity('case_hot_cell_monthly')
@Index('case_hot_cell_monthly_day_idx', ['day'])
export class CaseHotCellMonthlyEntity extends Received {
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'case_hot_cell_monthly_pkey' })
  cellRow: number;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'case_hot_cell_monthly_pkey' })
  cellColumn: number;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_hot_cell_monthly_pkey' })
  day: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_hot_cell_monthly_pkey' })
  history: boolean;
}

/** The same by department and service: a busy cell's services are read by cell. */
@Entity('case_hot_cell_monthly_service')
@Index('case_hot_cell_monthly_service_service_idx', ['serviceCode', 'day'])
@Index('case_hot_cell_monthly_service_department_idx', ['departmentCode', 'day'])
export class CaseHotCellMonthlyServiceEntity extends Received {
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  cellRow: number;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  cellColumn: number;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  departmentCode: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  serviceCode: string;

  @PrimaryColumn('boolean', { primaryKeyConstraintName: 'case_hot_cell_monthly_service_pkey' })
  history: boolean;
}
