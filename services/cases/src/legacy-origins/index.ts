// What the rest of cases may use of legacy origins (docs/adr/0033).
export { LegacyOriginsModule } from './legacy-origins.module.js';
export { CaseLegacyOriginEntity } from './case-legacy-origin.entity.js';
export { LegacyCasesRepository } from './legacy-cases.repository.js';
