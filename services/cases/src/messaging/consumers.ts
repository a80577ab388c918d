import {
  CaseDeadlinesMoved,
  CaseOverdue,
  CaseRouted,
  CitizenErased,
  CitizensMerged,
  CitizensUnmerged,
  HistoryAccepted,
  HistoryRouted,
  SubmissionAccepted,
} from '@civitas/contracts';
import { eventConsumer } from '@civitas/messaging';

/**
 * Every durable consumer cases runs, by what it does. The names are NATS durables: renaming one
 * creates a new consumer, so a change here goes with docs/consumers.json (docs/adr/0031).
 */
export const CasesConsumers = {
  restoreUnmergedCases: eventConsumer(CitizensUnmerged, 'cases-citizens-unmerged', {
    deliver: 'all',
  }),
  repointMergedCases: eventConsumer(CitizensMerged, 'cases-citizens-merged', { deliver: 'all' }),
  openCase: eventConsumer(SubmissionAccepted, 'cases-submission-accepted', { deliver: 'all' }),
  recordRouting: eventConsumer(CaseRouted, 'cases-case-routed', { deliver: 'all' }),
  escalateOverdueCase: eventConsumer(CaseOverdue, 'cases-case-overdue', { deliver: 'all' }),
  /** ON_HOLD paused or resumed the clock (docs/adr/0068). */
  recordDeadlinesMoved: eventConsumer(CaseDeadlinesMoved, 'cases-case-deadlines-moved', {
    deliver: 'all',
  }),
  eraseCitizen: eventConsumer(CitizenErased, 'cases-citizen-erased', { deliver: 'all' }),
  recordHistoryRouting: eventConsumer(HistoryRouted, 'cases-history-routed', {
    deliver: 'all',
    maxBatch: 4,
  }),
  openHistory: eventConsumer(HistoryAccepted, 'cases-history-accepted', {
    deliver: 'all',
    maxBatch: 4,
  }),
};

export const CASES_CONSUMERS = Object.values(CasesConsumers);
