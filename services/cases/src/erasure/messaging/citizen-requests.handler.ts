import { Injectable } from '@nestjs/common';
import {
  CasesCitizenRequests,
  type CitizenRequestsReply,
  type CitizenRequestsRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CaseRepository } from '../../cases/index.js';

/**
 * Citizens lists a resident's own requests (`myRequests`, docs/adr/0096): a page of the cases they
 * reported, private ones too (kept from others, not from their reporter), and which of the
 * submissions intake still holds as not opened have a case by now, whoever's it is.
 */
@Injectable()
@OnRequest(CasesCitizenRequests)
export class CitizenRequestsHandler implements RequestHandler<
  CitizenRequestsRequest,
  CitizenRequestsReply
> {
  constructor(private readonly cases: CaseRepository) {}

  async handle(request: CitizenRequestsRequest): Promise<CitizenRequestsReply> {
    const [rows, opened] = await Promise.all([
      this.cases.pageReportedBy(request.citizenId, request.first, request.before),
      request.tickets.length > 0
        ? this.cases.ticketsWithCases(request.tickets)
        : Promise.resolve(new Set<string>()),
    ]);
    return {
      requests: rows.map((r) => ({
        ticketNumber: r.ticketNumber,
        serviceCode: r.serviceCode,
        status: r.status,
        receivedAt: r.receivedAt,
        changedAt: r.closedAt ?? r.updatedAt,
        ...(r.closedAt ? { closedAt: r.closedAt } : {}),
      })),
      opened: [...opened],
    };
  }
}
