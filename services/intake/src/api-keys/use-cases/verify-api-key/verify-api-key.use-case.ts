import { Injectable } from '@nestjs/common';
import type { ApiKeyEntity } from '../../api-key.entity.js';
import { ApiKeyRepository } from '../../api-key.repository.js';
import { hashApiKey, looksLikeApiKey } from '../../api-key-secret.js';

/** The live key matching what a client presented, or null (unknown, malformed or revoked). */
@Injectable()
export class VerifyApiKeyUseCase {
  constructor(private readonly keys: ApiKeyRepository) {}

  async execute(presented: string): Promise<ApiKeyEntity | null> {
    if (!looksLikeApiKey(presented)) {
      return null;
    }
    const found = await this.keys.byHash(hashApiKey(presented));
    return found && !found.revokedAt ? found : null;
  }
}
