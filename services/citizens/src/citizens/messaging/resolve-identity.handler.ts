import { Inject, Injectable } from '@nestjs/common';
import {
  ReporterContact,
  ResolveIdentity,
  validateAs,
  type ResolveIdentityReply,
  type ResolveIdentityRequest,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { OnRequest, RequestRejected, type RequestHandler } from '@civitas/messaging';
import { ResolveIdentityUseCase } from '../use-cases/resolve-identity/resolve-identity.use-case.js';

/**
 * Cases asks who reported a submission before it opens the case. The contact comes sealed by
 * intake (docs/adr/0023): citizens, which shares intake's PII keys, is the one to open it.
 */
@Injectable()
@OnRequest(ResolveIdentity)
export class ResolveIdentityHandler implements RequestHandler<
  ResolveIdentityRequest,
  ResolveIdentityReply
> {
  constructor(
    private readonly resolveIdentity: ResolveIdentityUseCase,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async handle(request: ResolveIdentityRequest): Promise<ResolveIdentityReply> {
    const { sealedContact, link, residentSub } = request;
    return this.resolveIdentity.execute({
      link,
      residentSub,
      contact: sealedContact === undefined ? undefined : this.open(sealedContact),
    });
  }

  private open(sealed: string): ReporterContact {
    let plain: unknown;
    try {
      plain = JSON.parse(this.cipher.decrypt(sealed));
    } catch {
      // A key retired before the event was handled, or a value not sealed by intake.
      throw new RequestRejected('BAD_REQUEST', 'sealedContact cannot be opened with these keys', [
        { field: 'sealedContact', reason: 'cannot be opened with the configured PII keys' },
      ]);
    }
    return validateAs(ReporterContact, plain, ResolveIdentity.subject);
  }
}
