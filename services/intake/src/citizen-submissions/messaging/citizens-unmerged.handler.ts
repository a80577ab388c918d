import { Injectable } from '@nestjs/common';
import { OnEvent, RestoreUnmergedHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/** An unmerge gives the merged resident their submissions back. */
@Injectable()
@OnEvent(IntakeConsumers.restoreUnmergedSubmissions)
export class CitizensUnmergedHandler extends RestoreUnmergedHandler {
  constructor(repository: CitizenSubmissionsRepository) {
    super(repository, 'submissions');
  }
}
