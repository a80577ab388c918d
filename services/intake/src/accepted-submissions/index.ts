// Accepted submissions offer the rest of the service their module only (docs/adr/0033).
export { AcceptedSubmissionsModule } from './accepted-submissions.module.js';
