export { RightsModule } from './rights.module.js';
export { LoginLinkRequestEntity } from './login-link-request.entity.js';
