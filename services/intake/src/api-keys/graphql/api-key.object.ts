import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ApiKeyEntity } from '../api-key.entity.js';

@ObjectType('ApiKey', {
  description:
    'A key an API client (e.g. an Open311 app) presents. The key itself is never shown again.',
})
export class ApiKeyObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  prefix: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  static from(entity: ApiKeyEntity): ApiKeyObject {
    return Object.assign(new ApiKeyObject(), {
      id: entity.id,
      name: entity.name,
      prefix: entity.prefix,
      createdAt: entity.createdAt,
      revokedAt: entity.revokedAt,
    });
  }
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyObject {
  @Field({ description: 'The key: shown this once and never again (only its hash is kept).' })
  key: string;

  @Field(() => ApiKeyObject)
  apiKey: ApiKeyObject;
}

@ObjectType('ApiClient', { description: 'Who a live API key belongs to (for the gateway).' })
export class ApiClientObject {
  @Field(() => ID, { description: 'The API key id, used as the client id.' })
  id: string;

  @Field()
  name: string;

  static from(entity: ApiKeyEntity): ApiClientObject {
    return Object.assign(new ApiClientObject(), { id: entity.id, name: entity.name });
  }
}
