// What the rest of analytics may use of case facts (docs/adr/0033); everything else is internal.
export { CaseFactsModule } from './case-facts.module.js';
export { CaseFactEntity } from './case-fact.entity.js';
export { CaseFactRepository } from './case-fact.repository.js';
export { StatusTransitionEntity } from './status-transition.entity.js';
export { CaseDailyEntity } from './case-daily.entity.js';
export { METRES_PER_DEGREE, STORED_CELL_METRES, gridCellOf } from './grid-cell.js';
export { rollupContributionSql } from './rollup-contribution.sql.js';
export { ROLLUPS, type Rollup, type RollupKey } from './rollup-keys.js';
export { CaseDailyDistrictEntity, CaseDailyServiceEntity } from './case-daily.entity.js';
