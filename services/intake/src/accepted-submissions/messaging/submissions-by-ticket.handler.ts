import { Injectable } from '@nestjs/common';
import {
  SubmissionsByTicket,
  type SubmissionsByTicketReply,
  type SubmissionsByTicketRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { AcceptedSubmissionViews } from '../accepted-submission-views.js';

/**
 * Cases, asked for a ticket it has no case for yet, asks what intake accepted (docs/adr/0070).
 * Only cases may send this (its NATS user, ADR 0046); cases applies the read rules of a case.
 */
@Injectable()
@OnRequest(SubmissionsByTicket)
export class SubmissionsByTicketHandler implements RequestHandler<
  SubmissionsByTicketRequest,
  SubmissionsByTicketReply
> {
  constructor(private readonly views: AcceptedSubmissionViews) {}

  async handle(request: SubmissionsByTicketRequest): Promise<SubmissionsByTicketReply> {
    return { submissions: await this.views.byTickets(request.ticketNumbers) };
  }
}
