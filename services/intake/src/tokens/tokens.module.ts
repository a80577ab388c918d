import { Module } from '@nestjs/common';
import { RequestTokenResolver } from './graphql/request-token.resolver.js';
import { RequestTokenRepository } from './request-token.repository.js';

@Module({ providers: [RequestTokenRepository, RequestTokenResolver] })
export class TokensModule {}
