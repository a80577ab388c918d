import { Injectable } from '@nestjs/common';
import {
  CasesCitizenRequests,
  CaseStatus,
  IntakeCitizenSubmissions,
  type Identity,
  type RequestListPosition,
} from '@civitas/contracts';
import { BusClient } from '@civitas/messaging';
import { ResidentLinks, ResidentNotLinkedException } from '../../../resident-links/index.js';
import { answerOf } from '../../rights.exception.js';
import { SelfAccessAudit } from '../../self-access.js';

/** What the resident's list is read for, in the audit log: not an export (docs/adr/0096). */
export const MY_REQUESTS_FIELDS = ['requests'];

export interface ListMyRequestsCommand {
  /** Rows wanted (checked by the resolver against the page's maximum). */
  first: number;
  /** Strictly after this row of the list (the previous page's last), or from the newest. */
  after: RequestListPosition | null;
}

export interface MyRequestRow {
  ticketNumber: string;
  serviceCode: string;
  status: CaseStatus;
  receivedAt: string;
  changedAt: string;
  closedAt: string | null;
}

export interface MyRequestsPage {
  rows: MyRequestRow[];
  /** The last row's position, for the next page. */
  end: RequestListPosition | null;
  hasNextPage: boolean;
  /** False while the sign-in is linked to no (current) record: the list is then empty. */
  linked: boolean;
}

const NOT_LINKED: MyRequestsPage = { rows: [], end: null, hasNextPage: false, linked: false };

/** How a request of this use case fails when a service does not answer. */
const FAILED = 'Your requests could not be listed';

/**
 * The signed-in resident's own requests, newest first, one page at a time (docs/adr/0096): the
 * cases they reported (merged records' too), and what they submitted under their sign-in that no
 * case is open for yet, as `NEW` (docs/adr/0070). Intake is asked first, so cases can say which
 * of those tickets have a case by now (then the case answers for it, or it is someone else's).
 * Both services answer or the list fails: a list missing rows would look complete.
 */
@Injectable()
export class ListMyRequestsUseCase {
  constructor(
    private readonly residents: ResidentLinks,
    private readonly selfAccess: SelfAccessAudit,
    private readonly bus: BusClient,
  ) {}

  async execute(actor: Identity, command: ListMyRequestsCommand): Promise<MyRequestsPage> {
    const self = await this.residents.citizenOf(actor).catch((error: unknown) => {
      if (error instanceof ResidentNotLinkedException) {
        return null;
      }
      throw error;
    });
    if (!self || !actor.sub) {
      // No record yet (or erased): nothing reported under it, and nothing to audit.
      return NOT_LINKED;
    }
    // One more than asked from each tells whether another page follows.
    const want = command.first + 1;
    const before = command.after ?? undefined;
    const unopened = await answerOf(
      () => this.bus.request(IntakeCitizenSubmissions, { sub: actor.sub!, first: want, before }),
      'intake',
      FAILED,
    );
    const cases = await answerOf(
      () =>
        this.bus.request(CasesCitizenRequests, {
          citizenId: self.id,
          first: want,
          before,
          tickets: unopened.submissions.map((s) => s.ticketNumber),
        }),
      'cases',
      FAILED,
    );
    const opened = new Set(cases.opened);
    const rows: MyRequestRow[] = [
      ...cases.requests.map((c) => ({
        ticketNumber: c.ticketNumber,
        serviceCode: c.serviceCode,
        status: c.status,
        receivedAt: c.receivedAt,
        changedAt: c.changedAt,
        closedAt: c.closedAt ?? null,
      })),
      ...unopened.submissions
        .filter((s) => !opened.has(s.ticketNumber))
        .map((s) => ({
          ticketNumber: s.ticketNumber,
          serviceCode: s.serviceCode,
          status: CaseStatus.NEW,
          receivedAt: s.receivedAt,
          changedAt: s.receivedAt,
          closedAt: null,
        })),
    ].sort(newestFirst);
    const page = rows.slice(0, command.first);
    await this.selfAccess.record(actor, self.id, MY_REQUESTS_FIELDS);
    const last = page.at(-1);
    return {
      rows: page,
      end: last ? { receivedAt: last.receivedAt, ticketNumber: last.ticketNumber } : null,
      hasNextPage: rows.length > command.first,
      linked: true,
    };
  }
}

/** The services' order: received time descending (same-width ISO strings), then ticket. */
function newestFirst(a: MyRequestRow, b: MyRequestRow): number {
  return (
    b.receivedAt.localeCompare(a.receivedAt) ||
    (a.ticketNumber < b.ticketNumber ? 1 : a.ticketNumber > b.ticketNumber ? -1 : 0)
  );
}
