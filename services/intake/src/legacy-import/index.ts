// Legacy import offers the rest of intake its module and entity (docs/adr/0033).
export { LegacyImportModule } from './legacy-import.module.js';
export { LegacyRecordEntity } from './legacy-record.entity.js';
