import { Injectable } from '@nestjs/common';
import {
  ResolveIdentity,
  type ResolveIdentityReply,
  type ResolveIdentityRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { ResolveIdentityUseCase } from '../use-cases/resolve-identity/resolve-identity.use-case.js';

/** Cases asks who reported a submission before it opens the case. */
@Injectable()
@OnRequest(ResolveIdentity)
export class ResolveIdentityHandler implements RequestHandler<
  ResolveIdentityRequest,
  ResolveIdentityReply
> {
  constructor(private readonly resolveIdentity: ResolveIdentityUseCase) {}

  handle(request: ResolveIdentityRequest): Promise<ResolveIdentityReply> {
    return this.resolveIdentity.execute(request);
  }
}
