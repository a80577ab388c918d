// What the rest of cases may use of a resident's cases (docs/adr/0033).
export { CitizenCasesModule } from './citizen-cases.module.js';
export { CaseRepointEntity } from './case-repoint.entity.js';
export { CitizenReference } from './graphql/citizen-reference.object.js';
