import { Injectable } from '@nestjs/common';
import { OnEvent, RestoreUnmergedHandler } from '@civitas/messaging';
import { CitizenCasesRepository } from '../citizen-cases.repository.js';
import { CasesConsumers } from '../../messaging/index.js';

/** An unmerge gives the merged resident their cases back. */
@Injectable()
@OnEvent(CasesConsumers.restoreUnmergedCases)
export class CitizensUnmergedHandler extends RestoreUnmergedHandler {
  constructor(repository: CitizenCasesRepository) {
    super(repository, 'cases');
  }
}
