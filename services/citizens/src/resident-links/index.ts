export { ResidentLinksModule } from './resident-links.module.js';
export { ResidentLinks, ResidentNotLinkedException } from './resident-links.js';
