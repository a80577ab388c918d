import { Injectable } from '@nestjs/common';
import {
  IntakeCitizenSubmissions,
  type CitizenSubmissionsReply,
  type CitizenSubmissionsRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';

/**
 * Citizens lists a signed-in resident's own requests (`myRequests`, docs/adr/0096): here, what
 * they submitted under their sign-in that no case has been attributed to them for yet. Never the
 * payload.
 */
@Injectable()
@OnRequest(IntakeCitizenSubmissions)
export class CitizenSubmissionsHandler implements RequestHandler<
  CitizenSubmissionsRequest,
  CitizenSubmissionsReply
> {
  constructor(private readonly repository: CitizenSubmissionsRepository) {}

  async handle(request: CitizenSubmissionsRequest): Promise<CitizenSubmissionsReply> {
    return {
      submissions: await this.repository.unattributedFrom(
        request.sub,
        request.first,
        request.before,
      ),
    };
  }
}
