import { Injectable } from '@nestjs/common';
import {
  CasesCitizenData,
  type CasesCitizenDataReply,
  type CitizenDataRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CitizenDataRepository } from '../citizen-data.repository.js';

/** Citizens gathers a resident's data for their download (requestMyData): here, their cases. */
@Injectable()
@OnRequest(CasesCitizenData)
export class CitizenDataHandler implements RequestHandler<
  CitizenDataRequest,
  CasesCitizenDataReply
> {
  constructor(private readonly repository: CitizenDataRepository) {}

  async handle(request: CitizenDataRequest): Promise<CasesCitizenDataReply> {
    return { cases: await this.repository.casesOf(request.citizenId) };
  }
}
