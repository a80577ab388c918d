import { Injectable } from '@nestjs/common';
import { OnEvent, RepointMergedHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/** A merge moves the merged resident's submissions to the survivor. */
@Injectable()
@OnEvent(IntakeConsumers.repointMergedSubmissions)
export class CitizensMergedHandler extends RepointMergedHandler {
  constructor(repository: CitizenSubmissionsRepository) {
    super(repository, 'submissions');
  }
}
