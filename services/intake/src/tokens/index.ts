// Request tokens offer the rest of intake only their module (docs/adr/0033).
export { TokensModule } from './tokens.module.js';
