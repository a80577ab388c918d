// Open311 request reads offer the rest of the service only their module (docs/adr/0033).
export { ServiceRequestsModule } from './service-requests.module.js';
