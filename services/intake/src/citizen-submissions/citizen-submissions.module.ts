import { Module } from '@nestjs/common';
import { CitizenSubmissionsRepository } from './citizen-submissions.repository.js';
import { CitizenSubmissionsResolver } from './graphql/citizen-submissions.resolver.js';
import { CaseOpenedHandler } from './messaging/case-opened.handler.js';
import { CitizenSubmissionsHandler } from './messaging/citizen-submissions.handler.js';
import { CitizensMergedHandler } from './messaging/citizens-merged.handler.js';
import { CitizensUnmergedHandler } from './messaging/citizens-unmerged.handler.js';

/** A resident's submissions in the citizen 360, attributed from `case-opened` and kept right through merges. */
@Module({
  providers: [
    CitizenSubmissionsRepository,
    CitizenSubmissionsResolver,
    CaseOpenedHandler,
    CitizenSubmissionsHandler,
    CitizensMergedHandler,
    CitizensUnmergedHandler,
  ],
})
export class CitizenSubmissionsModule {}
