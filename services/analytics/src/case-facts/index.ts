// What the rest of analytics may use of case facts (docs/adr/0033); everything else is internal.
export { CaseFactsModule } from './case-facts.module.js';
export { CaseFactEntity } from './case-fact.entity.js';
export { CaseFactRepository } from './case-fact.repository.js';
export { departmentsVisibleTo } from './figures-scope.js';
export { RollupPendingEntity } from './rollup-pending.entity.js';
export { RollupFolder } from './rollup-folder.js';
export { StatusTransitionEntity } from './status-transition.entity.js';
export { CaseDailyEntity } from './case-daily.entity.js';
export { METRES_PER_DEGREE, STORED_CELL_METRES, gridCellOf } from './grid-cell.js';
export {
  ROLLUP_VALUES,
  changedFactsSql,
  rollupChangeSql,
  rollupContributionSql,
} from './rollup-contribution.sql.js';
export { ROLLUPS, type Rollup, type RollupGrain, type RollupKey } from './rollup-keys.js';
export {
  CaseDailyDepartmentEntity,
  CaseDailyDepartmentServiceEntity,
  CaseDailyDistrictEntity,
  CaseDailyServiceEntity,
  CaseMonthlyDepartmentEntity,
  CaseMonthlyDepartmentServiceEntity,
  CaseMonthlyDistrictEntity,
  CaseMonthlyServiceEntity,
} from './case-daily.entity.js';
export { HISTOGRAM_COLUMNS, percentileFromHistogram } from './close-hours-histogram.js';
export {
  HOT_SPOT_ROLLUP_METRES,
  OPENING_ROLLUPS,
  gridCellSql,
  openingRollupSql,
  positionColumns,
  type OpeningRollup,
  type OpeningRollupKind,
} from './opening-rollups.sql.js';
export {
  CaseDemandMonthlyDepartmentEntity,
  CaseDemandMonthlyEntity,
  CaseDemandMonthlyServiceEntity,
  CaseHotCellMonthlyEntity,
  CaseHotCellMonthlyServiceEntity,
} from './opening-rollup.entity.js';
