// API keys offer the rest of intake their module and entity (docs/adr/0033).
export { ApiKeysModule } from './api-keys.module.js';
export { ApiKeyEntity } from './api-key.entity.js';
