export { ContactLookupModule } from './contact-lookup.module.js';
