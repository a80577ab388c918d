import { Injectable } from '@nestjs/common';
import type { AdminChangeRecordedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizensConsumers } from '../../messaging/index.js';
import { AdminChangeAuditRepository } from '../admin-change-audit.repository.js';

/**
 * Stores a configuration change as its service recorded it, with the envelope's actor: the staff
 * identity the change was made with (docs/adr/0092). The NATS user of each service may publish
 * only its own subject (docs/adr/0046), so `service` is the one that holds what changed.
 */
@Injectable()
abstract class StoreAdminChange implements EventHandler<AdminChangeRecordedV1> {
  constructor(private readonly log: AdminChangeAuditRepository) {}

  async handle(
    payload: AdminChangeRecordedV1,
    { tx, envelope }: EventContext<AdminChangeRecordedV1>,
  ): Promise<void> {
    await this.log.append(tx, {
      id: envelope.id,
      at: new Date(payload.changedAt),
      service: envelope.actor.service,
      actorSub: envelope.actor.sub ?? null,
      actorRoles: envelope.actor.roles,
      kind: payload.kind,
      entityId: payload.entityId,
      action: payload.action,
      changes: payload.changes.map((c) => ({
        field: c.field,
        before: c.before ?? null,
        after: c.after ?? null,
        ...(c.withheld ? { withheld: true as const } : {}),
      })),
    });
  }
}

@Injectable()
@OnEvent(CitizensConsumers.auditRoutingChange)
export class StoreRoutingAdminChangeHandler extends StoreAdminChange {}

@Injectable()
@OnEvent(CitizensConsumers.auditCasesChange)
export class StoreCasesAdminChangeHandler extends StoreAdminChange {}

@Injectable()
@OnEvent(CitizensConsumers.auditIntakeChange)
export class StoreIntakeAdminChangeHandler extends StoreAdminChange {}

@Injectable()
@OnEvent(CitizensConsumers.auditCitizensChange)
export class StoreCitizensAdminChangeHandler extends StoreAdminChange {}
