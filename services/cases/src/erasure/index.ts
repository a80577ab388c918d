// Residents' rights in cases offer the rest of the service only their module (docs/adr/0033).
export { ErasureModule } from './erasure.module.js';
