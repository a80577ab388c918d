import { Injectable } from '@nestjs/common';
import { Open311Error, ProblemList } from '../errors/open311.error.js';
import { truncate } from '../form/form-fields.js';
import { booleanFlag, commaList, dateTime, decimal, integer } from '../form/parameters.js';
import { Open311Graph } from '../graph/open311-graph.js';
import { SERVICE_REQUESTS } from '../graph/operations.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';
import { toOpen311Request, type GraphCase } from '../mapping/request.mapper.js';
import { caseStatusesFor, type Open311Status } from '../mapping/status.mapping.js';

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

/**
 * `GET requests` and `GET requests/{id}`: public reads, so anonymous graph calls that can only see
 * what cases makes public (no private requests, no reporter).
 */
@Injectable()
export class ListRequestsUseCase {
  constructor(private readonly graph: Open311Graph) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const problems = new ProblemList();
    const extensions = booleanFlag(call.fields, 'extensions', problems);
    const filter = requestFilter(call, problems);
    problems.throwIfAny();
    const cases = await this.list(filter, call);
    return { root: 'service_requests', body: cases.map((c) => toOpen311Request(c, extensions)) };
  }

  async one(call: Open311Call): Promise<Open311Document> {
    const problems = new ProblemList();
    const extensions = booleanFlag(call.fields, 'extensions', problems);
    problems.throwIfAny();
    const id = call.id.trim().toUpperCase();
    const cases = id.length <= 64 ? await this.list({ ticketNumbers: [id] }, call) : [];
    if (cases.length === 0) {
      throw Open311Error.notFound(
        `No public request with service_request_id "${truncate(call.id)}"`,
      );
    }
    return { root: 'service_requests', body: cases.map((c) => toOpen311Request(c, extensions)) };
  }

  private async list(filter: Record<string, unknown>, call: Open311Call): Promise<GraphCase[]> {
    return (
      await this.graph.run<{ serviceRequests: GraphCase[] }>(
        SERVICE_REQUESTS,
        { filter },
        call.context,
        { partial: true },
      )
    ).serviceRequests.filter((c): c is GraphCase => c !== null);
  }
}

/** Open311 parameters → the cases graph's filter; `service_request_id` overrides the others. */
export function requestFilter(
  call: Open311Call,
  problems: ProblemList,
  now = new Date(),
): Record<string, unknown> {
  const { fields } = call;
  const ticketNumbers = commaList(fields, 'service_request_id', MAX_REQUESTS, 64, problems);
  const page = integer(fields, 'page', 1, 1_000_000, problems) ?? 1;
  const pageSize = integer(fields, 'page_size', 1, MAX_REQUESTS, problems) ?? MAX_REQUESTS;
  if (ticketNumbers) {
    return { ticketNumbers: ticketNumbers.map((t) => t.toUpperCase()), page, pageSize };
  }
  const serviceCodes = commaList(fields, 'service_code', 200, 100, problems);
  const statuses = commaList(fields, 'status', 2, 10, problems);
  const unknownStatus = statuses?.find((s) => !['open', 'closed'].includes(s.toLowerCase()));
  if (unknownStatus) {
    problems.add(
      `status must be open, closed or both, comma separated (got "${truncate(unknownStatus)}")`,
    );
  }
  const start = dateTime(fields, 'start_date', problems);
  const end = dateTime(fields, 'end_date', problems);
  if (start && end && start > end) {
    problems.add('start_date must not be after end_date');
  }
  const box = boundingBox(call, problems);
  return {
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(statuses && !unknownStatus
      ? {
          statuses: [
            ...new Set(statuses.flatMap((s) => caseStatusesFor(s.toLowerCase() as Open311Status))),
          ],
        }
      : {}),
    openedFrom: (
      start ?? new Date((end ?? now).getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
    ).toISOString(),
    ...(end ? { openedTo: end.toISOString() } : {}),
    ...(box ? { boundingBox: box } : {}),
    page,
    pageSize,
  };
}

function boundingBox(call: Open311Call, problems: ProblemList): Record<string, number> | undefined {
  const names = ['lat_ne', 'long_ne', 'lat_sw', 'long_sw'];
  const given = names.filter((n) => call.fields.has(n));
  if (given.length === 0) {
    return undefined;
  }
  if (given.length < names.length) {
    problems.add('A bounding box needs all of lat_ne, long_ne, lat_sw and long_sw');
    return undefined;
  }
  const north = decimal(call.fields, 'lat_ne', -90, 90, problems);
  const east = decimal(call.fields, 'long_ne', -180, 180, problems);
  const south = decimal(call.fields, 'lat_sw', -90, 90, problems);
  const west = decimal(call.fields, 'long_sw', -180, 180, problems);
  if (north === undefined || east === undefined || south === undefined || west === undefined) {
    return undefined;
  }
  if (south > north || west > east) {
    problems.add('The bounding box must have lat_sw ≤ lat_ne and long_sw ≤ long_ne');
    return undefined;
  }
  return { north, east, south, west };
}
