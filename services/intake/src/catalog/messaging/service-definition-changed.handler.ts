import { Injectable } from '@nestjs/common';
import type { ServiceDefinitionChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { IntakeConsumers } from '../../messaging/index.js';
import { ServiceDefinitionsRepository } from '../service-definitions.repository.js';

/**
 * Routing changed a service definition: intake's copy takes it unless it already holds that
 * version or a newer one (docs/adr/0069). Only routing publishes it (checked on arrival).
 */
@Injectable()
@OnEvent(IntakeConsumers.copyServiceDefinition)
export class ServiceDefinitionChangedHandler implements EventHandler<ServiceDefinitionChangedV1> {
  constructor(private readonly definitions: ServiceDefinitionsRepository) {}

  async handle(
    payload: ServiceDefinitionChangedV1,
    { tx }: EventContext<ServiceDefinitionChangedV1>,
  ): Promise<void> {
    await this.definitions.keep([payload], tx);
  }
}
