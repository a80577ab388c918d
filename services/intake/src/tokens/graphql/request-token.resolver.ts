import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { RequestTokenRepository } from '../request-token.repository.js';
import { RequestTokenObject } from './request-token.object.js';

@Resolver(() => RequestTokenObject)
export class RequestTokenResolver {
  constructor(private readonly tokens: RequestTokenRepository) {}

  /** Public: holding the token (answered only to the submitter) is the permission. */
  @Public()
  @Query(() => RequestTokenObject, {
    nullable: true,
    description: 'Resolves a token answered on submission to its ticket number.',
  })
  async requestToken(@Args('token') token: string): Promise<RequestTokenObject | null> {
    const ticketNumber = await this.tokens.ticketFor(token.trim());
    return ticketNumber ? { token: token.trim().toLowerCase(), ticketNumber } : null;
  }
}
