import { Injectable } from '@nestjs/common';
import { OnEvent, RepointMergedHandler } from '@civitas/messaging';
import { CitizenCasesRepository } from '../citizen-cases.repository.js';
import { CasesConsumers } from '../../messaging/index.js';

/** A merge moves the merged resident's cases to the survivor. */
@Injectable()
@OnEvent(CasesConsumers.repointMergedCases)
export class CitizensMergedHandler extends RepointMergedHandler {
  constructor(repository: CitizenCasesRepository) {
    super(repository, 'cases');
  }
}
