export { ResidentLinksModule } from './resident-links.module.js';
export { ResidentLinks } from './resident-links.js';
