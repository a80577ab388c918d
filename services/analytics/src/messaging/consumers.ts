import {
  CaseAssigned,
  CaseDeadlinesMoved,
  CaseOpened,
  CaseOverdue,
  CaseRouted,
  HistoryOpened,
  HistoryRouted,
  SatisfactionRecorded,
  StatusChanged,
} from '@civitas/contracts';
import { eventConsumer } from '@civitas/messaging';

/**
 * Every durable consumer analytics runs, by what it does. The names are NATS durables: renaming one
 * creates a new consumer, so a change here goes with docs/consumers.json (docs/adr/0031).
 */
export const AnalyticsConsumers = {
  countRouted: eventConsumer(CaseRouted, 'analytics-case-routed', { deliver: 'all' }),
  countStatusChanged: eventConsumer(StatusChanged, 'analytics-status-changed', { deliver: 'all' }),
  countHistoryRouted: eventConsumer(HistoryRouted, 'analytics-history-routed', {
    deliver: 'all',
    maxBatch: 4,
  }),
  countHistoryOpened: eventConsumer(HistoryOpened, 'analytics-history-opened', {
    deliver: 'all',
    maxBatch: 4,
  }),
  countOpened: eventConsumer(CaseOpened, 'analytics-case-opened', { deliver: 'all' }),
  countAssigned: eventConsumer(CaseAssigned, 'analytics-case-assigned', { deliver: 'all' }),
  countSatisfaction: eventConsumer(SatisfactionRecorded, 'analytics-satisfaction-recorded', {
    deliver: 'all',
  }),
  /** A service-level clock paused on hold or resumed (docs/adr/0080). */
  countDeadlinesMoved: eventConsumer(CaseDeadlinesMoved, 'analytics-case-deadlines-moved', {
    deliver: 'all',
  }),
  /** Escalations by routing's deadline timer, for the `escalated` figure (docs/adr/0084). */
  countEscalated: eventConsumer(CaseOverdue, 'analytics-case-overdue', { deliver: 'all' }),
};

export const ANALYTICS_CONSUMERS = Object.values(AnalyticsConsumers);
