import {
  CaseOpened,
  CitizenErased,
  CitizensMerged,
  CitizensUnmerged,
  ServiceDefinitionChanged,
} from '@civitas/contracts';
import { eventConsumer } from '@civitas/messaging';

/**
 * Every durable consumer intake runs, by what it does. The names are NATS durables: renaming one
 * creates a new consumer, so a change here goes with docs/consumers.json (docs/adr/0031).
 */
export const IntakeConsumers = {
  eraseCitizen: eventConsumer(CitizenErased, 'intake-citizen-erased', { deliver: 'all' }),
  eraseIfReporterErased: eventConsumer(CaseOpened, 'intake-case-opened-erasure', {
    deliver: 'all',
  }),
  restoreUnmergedSubmissions: eventConsumer(CitizensUnmerged, 'intake-citizens-unmerged', {
    deliver: 'all',
  }),
  repointMergedSubmissions: eventConsumer(CitizensMerged, 'intake-citizens-merged', {
    deliver: 'all',
  }),
  attributeSubmission: eventConsumer(CaseOpened, 'intake-case-opened-citizen', { deliver: 'all' }),
  /** Intake's copy of the catalog, which reports are validated against (docs/adr/0069). */
  copyServiceDefinition: eventConsumer(
    ServiceDefinitionChanged,
    'intake-service-definition-changed',
    { deliver: 'all' },
  ),
};

export const INTAKE_CONSUMERS = Object.values(IntakeConsumers);
