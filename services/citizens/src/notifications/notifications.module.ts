import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { CitizensConfig } from '../config/citizens.config.js';
import { NotificationMailer } from './channels/notification-mailer.js';
import { HttpWebhookSmsProvider, SMS_PROVIDER } from './channels/sms-provider.js';
import { ConsentsModule } from '../consents/index.js';
import { NotificationsResolver } from './graphql/notifications.resolver.js';
import { NotifyCaseOpenedHandler } from './messaging/case-opened.handler.js';
import { NotifyCaseRoutedHandler } from './messaging/case-routed.handler.js';
import { EmailDepartmentOfOverdueCaseHandler } from './messaging/case-overdue.handler.js';
import { NotifyPublicNoteHandler } from './messaging/interaction-logged.handler.js';
import { NotifyNoteAddedHandler } from './messaging/note-added.handler.js';
import { NotifyStatusChangedHandler } from './messaging/status-changed.handler.js';
import { NotificationRepository } from './notification.repository.js';
import { SurveyLinks } from './survey-links.js';
import { NotificationDispatcher } from './use-cases/dispatch-notifications/notification-dispatcher.js';
import { QueueNotificationUseCase } from './use-cases/queue-notification/queue-notification.use-case.js';
import { QueueOverdueNoticeUseCase } from './use-cases/queue-overdue-notice/queue-overdue-notice.use-case.js';

/**
 * Keeps reporters informed of their cases by e-mail or SMS (docs/notifications.md), and
 * departments' escalation mailboxes of their overdue cases (docs/adr/0067).
 */
@Module({
  imports: [CitizensModule, ConsentsModule],
  providers: [
    NotificationRepository,
    NotificationMailer,
    {
      provide: SMS_PROVIDER,
      inject: [CitizensConfig],
      useFactory: (config: CitizensConfig) =>
        config.SMS_WEBHOOK_URL ? new HttpWebhookSmsProvider(config.SMS_WEBHOOK_URL) : null,
    },
    SurveyLinks,
    QueueNotificationUseCase,
    NotificationDispatcher,
    NotificationsResolver,
    NotifyCaseOpenedHandler,
    NotifyCaseRoutedHandler,
    NotifyStatusChangedHandler,
    NotifyPublicNoteHandler,
    NotifyNoteAddedHandler,
    QueueOverdueNoticeUseCase,
    EmailDepartmentOfOverdueCaseHandler,
  ],
  exports: [NotificationDispatcher, NotificationRepository, NotificationMailer, SMS_PROVIDER],
})
export class NotificationsModule {}
