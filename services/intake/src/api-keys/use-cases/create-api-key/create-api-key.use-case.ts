import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges, UnitOfWork } from '@civitas/messaging';
import { ApiKeyEntity } from '../../api-key.entity.js';
import { ApiKeyRepository } from '../../api-key.repository.js';
import { displayPrefix, generateApiKey, hashApiKey } from '../../api-key-secret.js';

export interface CreateApiKeyCommand {
  name: string;
  createdBy: Identity;
}

export interface CreatedApiKey {
  /** The key itself: answered this once, never stored. */
  key: string;
  apiKey: ApiKeyEntity;
}

@Injectable()
export class CreateApiKeyUseCase {
  private readonly logger = new Logger(CreateApiKeyUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const entity = Object.assign(new ApiKeyEntity(), {
      id: randomUUID(),
      name: command.name.trim(),
      keyHash: hashApiKey(key),
      prefix: displayPrefix(key),
      createdBy: command.createdBy.sub,
      createdAt: new Date(),
      revokedAt: null,
    });
    await this.uow.run(async (tx) => {
      await this.keys.insert(tx, entity);
      // The key and its hash never leave this service: the log names the key by id and client.
      await this.adminChanges.record(tx, {
        kind: 'API_KEY',
        entityId: entity.id,
        action: 'CREATED',
        changes: fieldChanges(null, entity, { fields: ['name'] }),
      });
    });
    this.logger.log({
      msg: 'api key created',
      apiKeyId: entity.id,
      client: entity.name,
      by: entity.createdBy,
    });
    return { key, apiKey: entity };
  }
}
