import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { ApiKeyRepository } from '../api-key.repository.js';
import { CreateApiKeyUseCase } from '../use-cases/create-api-key/create-api-key.use-case.js';
import { RevokeApiKeyUseCase } from '../use-cases/revoke-api-key/revoke-api-key.use-case.js';
import { VerifyApiKeyUseCase } from '../use-cases/verify-api-key/verify-api-key.use-case.js';
import { ApiClientObject, ApiKeyObject, CreatedApiKeyObject } from './api-key.object.js';
import { CreateApiKeyInput } from './create-api-key.input.js';

@Resolver(() => ApiKeyObject)
export class ApiKeyResolver {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly create: CreateApiKeyUseCase,
    private readonly revoke: RevokeApiKeyUseCase,
    private readonly verify: VerifyApiKeyUseCase,
  ) {}

  @Roles(Role.Admin)
  @Mutation(() => CreatedApiKeyObject, {
    description: 'Issues a key for an API client; the answer is the only time the key is shown.',
  })
  async createApiKey(
    @Args('input') input: CreateApiKeyInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<CreatedApiKeyObject> {
    const { key, apiKey } = await this.create.execute({ name: input.name, createdBy: identity });
    return { key, apiKey: ApiKeyObject.from(apiKey) };
  }

  @Roles(Role.Admin)
  @Query(() => [ApiKeyObject])
  async apiKeys(): Promise<ApiKeyObject[]> {
    return (await this.keys.all()).map(ApiKeyObject.from);
  }

  @Roles(Role.Admin)
  @Mutation(() => ApiKeyObject, {
    description: 'Revokes a key at once: its client gets 403 from then on.',
  })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKeyObject> {
    return ApiKeyObject.from(await this.revoke.execute(id));
  }

  /** Only the gateway asks, with the internal role it never accepts from a token (ADR 0010). */
  @Roles(Role.Internal)
  @Query(() => ApiClientObject, {
    nullable: true,
    description: 'Internal: the client owning a live key, or null.',
  })
  async apiClientByKey(@Args('key') key: string): Promise<ApiClientObject | null> {
    const found = await this.verify.execute(key);
    return found ? ApiClientObject.from(found) : null;
  }
}
