import { Module } from '@nestjs/common';
import { AcceptedSubmissionViews } from './accepted-submission-views.js';
import { SubmissionsByTicketHandler } from './messaging/submissions-by-ticket.handler.js';

/** What intake answers about tickets it accepted whose case may not be open yet (docs/adr/0070). */
@Module({ providers: [AcceptedSubmissionViews, SubmissionsByTicketHandler] })
export class AcceptedSubmissionsModule {}
