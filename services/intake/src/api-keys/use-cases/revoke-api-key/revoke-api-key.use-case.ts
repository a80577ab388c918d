import { Injectable, Logger } from '@nestjs/common';
import { ApiKeyEntity } from '../../api-key.entity.js';
import { ApiKeyErrorCode, ApiKeyException } from '../../api-key.exception.js';
import { ApiKeyRepository } from '../../api-key.repository.js';

/** Revoking is final and idempotent: a revoked key keeps its first revocation time. */
@Injectable()
export class RevokeApiKeyUseCase {
  private readonly logger = new Logger(RevokeApiKeyUseCase.name);

  constructor(private readonly keys: ApiKeyRepository) {}

  async execute(id: string): Promise<ApiKeyEntity> {
    const found = await this.keys.byId(id);
    if (!found) {
      throw new ApiKeyException(ApiKeyErrorCode.ApiKeyNotFound, `No API key with id ${id}`, [
        { field: 'id', reason: 'no such API key' },
      ]);
    }
    if (!found.revokedAt) {
      found.revokedAt = new Date();
      await this.keys.markRevoked(found.id, found.revokedAt);
      this.logger.log({ msg: 'api key revoked', apiKeyId: found.id, client: found.name });
    }
    return found;
  }
}
