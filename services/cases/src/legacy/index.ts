// Imported history offers the rest of cases only its module (docs/adr/0033).
export { LegacyCasesModule } from './legacy-cases.module.js';
