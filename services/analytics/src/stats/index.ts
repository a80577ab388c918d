// What the rest of analytics may use of the figures (docs/adr/0033); everything else is internal.
export { StatsModule } from './stats.module.js';
export { csvLine } from './http/csv.js';
