// Residents' rights in intake offer the rest of the service their module and entity (docs/adr/0033).
export { ErasureModule } from './erasure.module.js';
export { ErasedCitizenEntity } from './erased-citizen.entity.js';
