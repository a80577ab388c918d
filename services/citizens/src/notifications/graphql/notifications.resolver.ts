import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role, assertPageSize } from '@civitas/contracts';
import { isUUID } from 'class-validator';
import { NotificationException } from '../notification.exception.js';
import { NotificationRepository } from '../notification.repository.js';
import { NotificationDeliveryObject } from './notification-delivery.object.js';

@Resolver(() => NotificationDeliveryObject)
export class NotificationsResolver {
  constructor(private readonly deliveries: NotificationRepository) {}

  @Roles(Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin)
  @Query(() => [NotificationDeliveryObject], {
    description: "Every message sent (or tried) to a case's reporter, oldest first.",
  })
  async notifications(
    @Args('caseId', { type: () => ID }) caseId: string,
  ): Promise<NotificationDeliveryObject[]> {
    if (!isUUID(caseId)) {
      throw NotificationException.invalid('caseId', 'must be a UUID');
    }
    return (await this.deliveries.forCase(caseId)).map(NotificationDeliveryObject.from);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [NotificationDeliveryObject], {
    description: 'Messages that could not be delivered after every retry, newest first.',
  })
  async failedNotifications(
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<NotificationDeliveryObject[]> {
    assertPageSize(first, 1000);
    return (await this.deliveries.failed(first)).map(NotificationDeliveryObject.from);
  }
}
