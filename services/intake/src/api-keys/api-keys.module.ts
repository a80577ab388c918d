import { Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyResolver } from './graphql/api-key.resolver.js';
import { CreateApiKeyUseCase } from './use-cases/create-api-key/create-api-key.use-case.js';
import { RevokeApiKeyUseCase } from './use-cases/revoke-api-key/revoke-api-key.use-case.js';
import { VerifyApiKeyUseCase } from './use-cases/verify-api-key/verify-api-key.use-case.js';

@Module({
  providers: [
    ApiKeyRepository,
    CreateApiKeyUseCase,
    RevokeApiKeyUseCase,
    VerifyApiKeyUseCase,
    ApiKeyResolver,
  ],
})
export class ApiKeysModule {}
