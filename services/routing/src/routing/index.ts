// What the rest of the service may use of routing decisions (docs/adr/0033).
export { RoutingModule } from './routing.module.js';
export { CaseRoutingEntity } from './case-routing.entity.js';
export { RoutedCaseObject } from './graphql/routed-case.object.js';
