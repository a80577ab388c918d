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
    // Which tickets have a case first, the page after, one after the other: a case committed
    // between two reads made side by side was in `opened` (so citizens dropped intake's row) and
    // not in the page (read a moment before), and the request was in neither list. Read in this
    // order, every case `opened` names was committed before the page is read, so it is there.
    const opened =
      request.tickets.length > 0
        ? await this.cases.ticketsWithCases(request.tickets)
        : new Set<string>();
    const rows = await this.cases.pageReportedBy(request.citizenId, request.first, request.before);
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
