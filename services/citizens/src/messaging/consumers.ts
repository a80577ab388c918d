import {
  CasesAdminChangeRecorded,
  CitizensAdminChangeRecorded,
  IntakeAdminChangeRecorded,
  RoutingAdminChangeRecorded,
  CaseOpened,
  CaseOverdue,
  CaseRouted,
  InteractionLogged,
  NoteAdded,
  StatusChanged,
} from '@civitas/contracts';
import { eventConsumer } from '@civitas/messaging';

/**
 * Every durable consumer citizens runs, by what it does. The names are NATS durables: renaming one
 * creates a new consumer, so a change here goes with docs/consumers.json (docs/adr/0031).
 */
export const CitizensConsumers = {
  notifyInteractionLogged: eventConsumer(InteractionLogged, 'citizens-notify-interaction-logged', {
    deliver: 'new',
  }),
  notifyCaseRouted: eventConsumer(CaseRouted, 'citizens-notify-case-routed', { deliver: 'new' }),
  notifyStatusChanged: eventConsumer(StatusChanged, 'citizens-notify-status-changed', {
    deliver: 'new',
  }),
  notifyNoteAdded: eventConsumer(NoteAdded, 'citizens-notify-note-added', { deliver: 'new' }),
  notifyCaseOpened: eventConsumer(CaseOpened, 'citizens-notify-case-opened', { deliver: 'new' }),
  /** The department's escalation mailbox hears of each overdue case (docs/adr/0067). */
  notifyDepartmentOverdue: eventConsumer(CaseOverdue, 'citizens-notify-case-overdue', {
    deliver: 'new',
  }),
  /** Configuration changes of every service, stored append-only (docs/adr/0092). */
  auditRoutingChange: eventConsumer(RoutingAdminChangeRecorded, 'citizens-audit-routing-change', {
    deliver: 'all',
  }),
  auditCasesChange: eventConsumer(CasesAdminChangeRecorded, 'citizens-audit-cases-change', {
    deliver: 'all',
  }),
  auditIntakeChange: eventConsumer(IntakeAdminChangeRecorded, 'citizens-audit-intake-change', {
    deliver: 'all',
  }),
  auditCitizensChange: eventConsumer(
    CitizensAdminChangeRecorded,
    'citizens-audit-citizens-change',
    { deliver: 'all' },
  ),
};

export const CITIZENS_CONSUMERS = Object.values(CitizensConsumers);
