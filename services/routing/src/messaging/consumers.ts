import { CaseOpened, HistoryOpened, StatusChanged } from '@civitas/contracts';
import { eventConsumer } from '@civitas/messaging';

/**
 * Every durable consumer routing runs, by what it does. The names are NATS durables: renaming one
 * creates a new consumer, so a change here goes with docs/consumers.json (docs/adr/0031).
 */
export const RoutingConsumers = {
  routeHistory: eventConsumer(HistoryOpened, 'routing-history-opened', {
    deliver: 'all',
    maxBatch: 4,
  }),
  routeCase: eventConsumer(CaseOpened, 'routing-case-opened', { deliver: 'all' }),
  /** A closed case never escalates (docs/adr/0058). */
  settleDeadlines: eventConsumer(StatusChanged, 'routing-status-changed', { deliver: 'all' }),
};

export const ROUTING_CONSUMERS = Object.values(RoutingConsumers);
