import { Injectable, Logger } from '@nestjs/common';
import {
  SubmissionsByTicket,
  type AcceptedSubmissionView,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import { BusClient, BusRequestError } from '@civitas/messaging';
import type { CaseEntity } from './case.entity.js';
import { caseFromSubmission } from './case-from-submission.js';
import type { CaseReadScope } from './case-read-scope.js';
import { CaseRepository } from './case.repository.js';

/**
 * How long a read waits for intake before answering as if the ticket were unknown: the reader is
 * a person or an app waiting on an answer, and intake answers from one indexed row.
 */
export const SUBMISSION_LOOKUP_TIMEOUT_MS = 1000;

/**
 * A ticket is readable the moment intake acknowledges it (docs/adr/0070): its case is opened a
 * moment later from `submission-accepted`, and until then a read that finds no case asks intake
 * what it accepted and answers the case that submission will open (status NEW, not routed, no
 * reporter). Only reads that found nothing pay for it; a ticket intake does not know either is
 * not found, and so is every ticket while intake does not answer (as before).
 */
@Injectable()
export class ProvisionalCases {
  private readonly logger = new Logger(ProvisionalCases.name);

  constructor(
    private readonly bus: BusClient,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * The provisional cases of those `ticketNumbers` that have no case yet and that intake
   * accepted, those `scope` may see (a private one: staff who serve residents, ADR 0041).
   */
  async forTickets(ticketNumbers: string[], scope: CaseReadScope): Promise<CaseEntity[]> {
    const asked = [...new Set(ticketNumbers)];
    if (asked.length === 0) {
      return [];
    }
    // A private case the caller may not see is found here, and stays unseen: intake is not asked.
    const opened = await this.cases.ticketsWithCases(asked);
    const missing = asked.filter((t) => !opened.has(t));
    if (missing.length === 0) {
      return [];
    }
    const accepted = await this.accepted(missing);
    const wanted = new Set(missing);
    return accepted
      .filter((view) => wanted.has(view.ticketNumber))
      .map(provisionalCaseOf)
      .filter((c) => scope.includesPrivate || !c.private);
  }

  private async accepted(ticketNumbers: string[]): Promise<AcceptedSubmissionView[]> {
    try {
      const reply = await this.bus.request(
        SubmissionsByTicket,
        { ticketNumbers },
        SUBMISSION_LOOKUP_TIMEOUT_MS,
      );
      return reply.submissions;
    } catch (error) {
      if (
        error instanceof BusRequestError &&
        (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')
      ) {
        this.logger.warn({
          msg: 'intake not answering: tickets without a case answered as not found',
          reason: error.code,
        });
        return [];
      }
      throw error;
    }
  }
}

/** The case this accepted submission will open, as it stands before anyone has worked it. */
function provisionalCaseOf(view: AcceptedSubmissionView): CaseEntity {
  const submission: SubmissionAcceptedV1 = {
    submissionId: view.submissionId,
    ticketNumber: view.ticketNumber,
    serviceCode: view.serviceCode,
    channel: view.channel,
    description: view.description,
    location: view.location,
    addressId: view.addressId,
    mediaUrl: view.mediaUrl,
    attributes: view.attributes,
    emergency: view.emergency,
    receivedAt: view.receivedAt,
    private: view.private,
  };
  return caseFromSubmission(submission, null, new Date(view.receivedAt));
}
