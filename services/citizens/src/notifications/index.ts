export { NotificationsModule } from './notifications.module.js';
export { NotificationMailer } from './channels/notification-mailer.js';
export { NotificationDeliveryEntity } from './notification-delivery.entity.js';
export { NotificationHeldMomentEntity } from './notification-held-moment.entity.js';
export { NotificationSubscriptionEntity } from './notification-subscription.entity.js';
export { NotificationRepository } from './notification.repository.js';
export { SMS_PROVIDER, type SmsProvider } from './channels/sms-provider.js';
