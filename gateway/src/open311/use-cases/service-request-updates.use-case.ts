import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@civitas/contracts';
import { Open311Error, ProblemList } from '../errors/open311.error.js';
import { booleanFlag, commaList, dateTime, integer, text, url } from '../form/parameters.js';
import { ApiKeyVerifier } from '../graph/api-key.verifier.js';
import { Open311Graph } from '../graph/open311-graph.js';
import { COMMENT, REOPEN, SERVICE_REQUEST_UPDATES } from '../graph/operations.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';
import { extendedStatus, open311Status, residentIntent } from '../mapping/status.mapping.js';
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

/**
 * A timeline entry → a mySociety update. `status` is the standard's `open` or `closed` as the
 * request stood once the update was made, so a poller applying updates in order ends where the
 * request is (docs/adr/0035); `extended_status` (only with `extensions=true`) says it more finely.
 */
export function toOpen311Update(update: GraphUpdate, extensions = false): Record<string, unknown> {
  return {
    update_id: update.id,
    service_request_id: update.ticketNumber,
    status: open311Status(update.status),
    ...(extensions
      ? {
          extended_status: extendedStatus(
            update.status,
            update.kind === 'STATUS_CHANGED' && REOPEN_SUMMARY.test(update.summary),
          ),
        }
      : {}),
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
    const extensions = booleanFlag(call.fields, 'extensions', problems);
    const page = integer(call.fields, 'page', 1, 1_000_000, problems) ?? 1;
    const pageSize = integer(call.fields, 'page_size', 1, MAX_REQUESTS, problems) ?? MAX_REQUESTS;
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
      page,
      limit: pageSize,
    };
    const updates = (
      await this.graph.run<{ serviceRequestUpdates: GraphUpdate[] }>(
        SERVICE_REQUEST_UPDATES,
        { filter },
        call.context,
      )
    ).serviceRequestUpdates;
    return {
      root: 'service_request_updates',
      body: updates.map((u) => toOpen311Update(u, extensions)),
    };
  }
}

/**
 * mySociety's `POST servicerequestupdates`: a resident's comment. Its `status` is the status the
 * client holds for the request after the update (docs/adr/0035): "not fixed"/`open` reopens a
 * closed request (on one still open it is just the comment); `closed`/`fixed` is the resident
 * saying it is fixed, which staff see and the request keeps its status; any other status is one
 * only staff set, so it is ignored and the comment kept. Every accepted update answers an
 * `update_id`.
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
    const intent = status === undefined ? 'none' : residentIntent(status);
    if (intent === 'none' && description === undefined && !call.fields.has('description')) {
      problems.add('description is required for a comment');
    }
    dateTime(call.fields, 'updated_datetime', problems);
    url(call.fields, 'media_url', problems);
    problems.throwIfAny();

    const id = ticketNumber!.toUpperCase();
    let update: GraphUpdate;
    if (intent === 'reopen') {
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
        update = await this.comment({ ticketNumber: id, comment: description }, context);
      }
    } else {
      update = await this.comment(
        {
          ticketNumber: id,
          ...(description ? { comment: description } : {}),
          ...(intent === 'fixed' ? { residentSaysFixed: true } : {}),
        },
        context,
      );
    }
    return { root: 'service_request_updates', body: [{ update_id: update.id }] };
  }

  private async comment(
    input: { ticketNumber: string; comment?: string; residentSaysFixed?: boolean },
    context: Open311Call['context'],
  ): Promise<GraphUpdate> {
    return (
      await this.graph.run<{ commentOnServiceRequest: GraphUpdate }>(COMMENT, { input }, context)
    ).commentOnServiceRequest;
  }
}
