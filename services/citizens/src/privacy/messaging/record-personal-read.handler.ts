import { Injectable } from '@nestjs/common';
import {
  RecordPersonalRead,
  type RecordPersonalReadReply,
  type RecordPersonalReadRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestContext, type RequestHandler } from '@civitas/messaging';
import { PiiAccessAuditRepository } from '../pii-access-audit.repository.js';

/**
 * Cases and intake serve `Citizen.cases` and `Citizen.submissions`: before answering they ask
 * here, and the read goes into the same append-only audit log as citizens' own personal fields,
 * with the staff member the envelope names.
 */
@Injectable()
@OnRequest(RecordPersonalRead)
export class RecordPersonalReadHandler implements RequestHandler<
  RecordPersonalReadRequest,
  RecordPersonalReadReply
> {
  constructor(private readonly audit: PiiAccessAuditRepository) {}

  async handle(
    request: RecordPersonalReadRequest,
    { identity }: RequestContext<RecordPersonalReadRequest>,
  ): Promise<RecordPersonalReadReply> {
    await this.audit.append({
      actorSub: identity.sub,
      actorRoles: [...identity.roles],
      citizenId: request.citizenId,
      fields: [...new Set(request.fields)].sort(),
      purpose: null,
      outcome: 'GRANTED',
    });
    return { recorded: true };
  }
}
