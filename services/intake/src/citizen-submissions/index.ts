// What the rest of intake may use of a resident's submissions (docs/adr/0033).
export { CitizenSubmissionsModule } from './citizen-submissions.module.js';
export { CitizenMergeAliasEntity } from './citizen-merge-alias.entity.js';
export { SubmissionRepointEntity } from './submission-repoint.entity.js';
export { CitizenReference } from './graphql/citizen-reference.object.js';
