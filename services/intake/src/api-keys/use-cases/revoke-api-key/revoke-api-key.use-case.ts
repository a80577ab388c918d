import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges, UnitOfWork } from '@civitas/messaging';
import { ApiKeyEntity } from '../../api-key.entity.js';
import { ApiKeyErrorCode, ApiKeyException } from '../../api-key.exception.js';
import { ApiKeyRepository } from '../../api-key.repository.js';

/** Revoking is final and idempotent: a revoked key keeps its first revocation time. */
@Injectable()
export class RevokeApiKeyUseCase {
  private readonly logger = new Logger(RevokeApiKeyUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(id: string): Promise<ApiKeyEntity> {
    const { key, revoked } = await this.uow.run(async (tx) => {
      const found = await this.keys.lock(tx, id);
      if (!found) {
        throw new ApiKeyException(ApiKeyErrorCode.ApiKeyNotFound, `No API key with id ${id}`, [
          { field: 'id', reason: 'no such API key' },
        ]);
      }
      if (found.revokedAt) {
        return { key: found, revoked: false };
      }
      found.revokedAt = new Date();
      await this.keys.markRevoked(tx, found.id, found.revokedAt);
      await this.adminChanges.record(tx, {
        kind: 'API_KEY',
        entityId: found.id,
        action: 'REVOKED',
        changes: fieldChanges(
          { name: found.name },
          { name: found.name, revokedAt: found.revokedAt },
        ),
      });
      return { key: found, revoked: true };
    });
    if (revoked) {
      this.logger.log({ msg: 'api key revoked', apiKeyId: key.id, client: key.name });
    }
    return key;
  }
}
