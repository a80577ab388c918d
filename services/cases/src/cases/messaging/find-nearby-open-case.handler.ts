import { Injectable } from '@nestjs/common';
import {
  FindNearbyOpenCase,
  type FindNearbyOpenCaseReply,
  type FindNearbyOpenCaseRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CaseReadScope } from '../case-read-scope.js';
import { CaseRepository } from '../case.repository.js';
import { duplicateWindowStart } from '../duplicate-link.js';

/**
 * Intake, answering a report, asks whether an open case of the same service is already near it,
 * to tell the reporter it is known (docs/adr/0063). Only a public case is named: the reporter may
 * not learn of a private one (ADR 0041). Cases links the case itself when it opens it.
 */
@Injectable()
@OnRequest(FindNearbyOpenCase)
export class FindNearbyOpenCaseHandler implements RequestHandler<
  FindNearbyOpenCaseRequest,
  FindNearbyOpenCaseReply
> {
  constructor(private readonly cases: CaseRepository) {}

  async handle(request: FindNearbyOpenCaseRequest): Promise<FindNearbyOpenCaseReply> {
    const near = await this.cases.nearestOpen(
      {
        serviceCode: request.serviceCode,
        latitude: request.latitude,
        longitude: request.longitude,
        radiusMeters: request.search.radiusMeters,
        openedSince: duplicateWindowStart(request.search.windowDays, new Date()),
        rootsOnly: false,
      },
      CaseReadScope.PUBLIC,
    );
    return near ? { ticketNumber: near.ticketNumber } : {};
  }
}
