import { Injectable } from '@nestjs/common';
import {
  IntakeCitizenData,
  type CitizenDataRequest,
  type IntakeCitizenDataReply,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CitizenDataRepository } from '../citizen-data.repository.js';

/** Citizens gathers a resident's data for their download (requestMyData): here, their submissions. */
@Injectable()
@OnRequest(IntakeCitizenData)
export class CitizenDataHandler implements RequestHandler<
  CitizenDataRequest,
  IntakeCitizenDataReply
> {
  constructor(private readonly repository: CitizenDataRepository) {}

  async handle(request: CitizenDataRequest): Promise<IntakeCitizenDataReply> {
    return { submissions: await this.repository.submissionsOf(request.citizenId) };
  }
}
