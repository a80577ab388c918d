// What the rest of cases may use of the timeline (docs/adr/0033); the rest is internal.
export { TimelineModule } from './timeline.module.js';
export { TimelineRepository } from './timeline.repository.js';
export { TimelineEntryEntity, TimelineKind, Visibility } from './timeline-entry.entity.js';
export { TimelineEntryObject } from './timeline-entry.object.js';
