import { Injectable } from '@nestjs/common';
import { ServiceDefinitionChanged } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import type { EntityManager } from 'typeorm';
import { CatalogRepository } from './catalog.repository.js';

/**
 * Every change of a service definition is published, whole, as `service-definition-changed`
 * through the outbox, in the transaction that makes it, with the service's version one more: intake
 * validates reports against its copy, so it accepts them while routing is down (docs/adr/0069).
 */
@Injectable()
export class ServiceDefinitionPublisher {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** In the creating transaction, once the service is written: its first version. */
  async created(manager: EntityManager, code: string): Promise<void> {
    await this.publish(manager, code);
  }

  /** In the changing transaction, once the change is written: its version one more. */
  async changed(manager: EntityManager, code: string): Promise<void> {
    await this.catalog.countDefinitionChange(manager, code);
    await this.publish(manager, code);
  }

  /** After the commit: the relay publishes now rather than at its next round. */
  committed(): void {
    this.uow.afterCommit();
  }

  private async publish(manager: EntityManager, code: string): Promise<void> {
    const [state] = await this.catalog.definitionStates(
      { codes: [code], includeRetired: true },
      manager,
    );
    const tx = this.uow.wrap(manager);
    await tx.emit(ServiceDefinitionChanged, { ...state, changedAt: new Date().toISOString() });
    await tx.flush();
  }
}
