import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@civitas/contracts';
import { Open311Error, ProblemList } from '../errors/open311.error.js';
import { commaList, dateTime, text, url } from '../form/parameters.js';
import { ApiKeyVerifier } from '../graph/api-key.verifier.js';
import { Open311Graph } from '../graph/open311-graph.js';
import { COMMENT, REOPEN, SERVICE_REQUEST_UPDATES } from '../graph/operations.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';
import { asksToReopen, updateStatus } from '../mapping/status.mapping.js';
import { DEFAULT_WINDOW_DAYS, MAX_REQUESTS } from './list-requests.use-case.js';

interface GraphUpdate {
  id: string;
  ticketNumber: string;
  at: string;
  kind: string;
  summary: string;
  status: CaseStatus;
}

const REOPEN_SUMMARY = /^Reopened/;

export function toOpen311Update(update: GraphUpdate): Record<string, unknown> {
  return {
    update_id: update.id,
    service_request_id: update.ticketNumber,
    status: updateStatus(
      update.status,
      update.kind === 'STATUS_CHANGED' && REOPEN_SUMMARY.test(update.summary),
    ),
    updated_datetime: update.at,
    description: update.summary,
    media_url: null,
  };
}

/** mySociety's `GET servicerequestupdates`: the public timeline entries of public requests. */
@Injectable()
export class ListUpdatesUseCase {
  constructor(private readonly graph: Open311Graph) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const problems = new ProblemList();
    const start = dateTime(call.fields, 'start_date', problems);
    const end = dateTime(call.fields, 'end_date', problems);
    const ticketNumbers = commaList(call.fields, 'service_request_id', MAX_REQUESTS, 64, problems);
    if (start && end && start > end) {
      problems.add('start_date must not be after end_date');
    }
    problems.throwIfAny();
    const filter = {
      ...(ticketNumbers ? { ticketNumbers: ticketNumbers.map((t) => t.toUpperCase()) } : {}),
      from: (
        start ?? new Date((end ?? new Date()).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000)
      ).toISOString(),
      ...(end ? { to: end.toISOString() } : {}),
      limit: MAX_REQUESTS,
    };
    const updates = (
      await this.graph.run<{ serviceRequestUpdates: GraphUpdate[] }>(
        SERVICE_REQUEST_UPDATES,
        { filter },
        call.context,
      )
    ).serviceRequestUpdates;
    return { root: 'service_request_updates', body: updates.map(toOpen311Update) };
  }
}

/**
 * mySociety's `POST servicerequestupdates`: a resident's comment, or a "not fixed" that reopens a
 * closed request (a reopen on a request that is still open is just its comment).
 */
@Injectable()
export class PostUpdateUseCase {
  constructor(
    private readonly keys: ApiKeyVerifier,
    private readonly graph: Open311Graph,
  ) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const context = await this.keys.contextFor(call);
    const problems = new ProblemList();
    const ticketNumber = text(call.fields, 'service_request_id', 64, problems);
    if (!call.fields.has('service_request_id')) {
      problems.add('service_request_id is required');
    }
    const description = text(call.fields, 'description', 4000, problems);
    const status = text(call.fields, 'status', 40, problems);
    const reopen = status !== undefined && asksToReopen(status);
    if (status !== undefined && !reopen && !['closed', 'fixed'].includes(status.toLowerCase())) {
      problems.add(
        `status must be "not fixed" (reopen) or left out for a comment (got "${status.slice(0, 40)}")`,
      );
    }
    if (status !== undefined && ['closed', 'fixed'].includes(status.toLowerCase())) {
      problems.add(
        'A resident cannot close a request; leave status out to comment, or send "not fixed" to reopen',
      );
    }
    if (!reopen && description === undefined && !call.fields.has('description')) {
      problems.add('description is required for a comment');
    }
    dateTime(call.fields, 'updated_datetime', problems);
    url(call.fields, 'media_url', problems);
    problems.throwIfAny();

    const id = ticketNumber!.toUpperCase();
    let update: GraphUpdate;
    if (reopen) {
      try {
        update = (
          await this.graph.run<{ reopenServiceRequest: GraphUpdate }>(
            REOPEN,
            { input: { ticketNumber: id, reason: description } },
            context,
          )
        ).reopenServiceRequest;
      } catch (error) {
        if (!(error instanceof Open311Error && error.status === 400 && description)) {
          throw error;
        }
        // Not closed: the resident's words still belong on the request.
        update = await this.comment(id, description, context);
      }
    } else {
      update = await this.comment(id, description!, context);
    }
    return { root: 'service_request_updates', body: [{ update_id: update.id }] };
  }

  private async comment(
    ticketNumber: string,
    comment: string,
    context: Open311Call['context'],
  ): Promise<GraphUpdate> {
    return (
      await this.graph.run<{ commentOnServiceRequest: GraphUpdate }>(
        COMMENT,
        { input: { ticketNumber, comment } },
        context,
      )
    ).commentOnServiceRequest;
  }
}
