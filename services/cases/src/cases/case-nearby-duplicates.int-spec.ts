import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Consumer } from '@nats-io/jetstream';
import {
  CaseRouted,
  FindNearbyOpenCase,
  Role,
  StatusChanged,
  SubmissionAccepted,
  type Envelope,
  type Identity,
  type StatusChangedV1,
} from '@civitas/contracts';
import {
  aCaseRouted,
  aSubmissionAccepted,
  errorCodes,
  nextMatching,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const PARKS_WORKER = aStaffMember(Role.Caseworker, 'cw-parks', 'parks');

/** Degrees of latitude per metre north (the service's distances are metres). */
const NORTH = 1 / 111_195;
const DAY_MS = 24 * 60 * 60 * 1000;

const LINKED = `query Linked($t: String!) {
  caseByTicket(ticketNumber: $t) {
    status followers possibleDuplicateOf { ticketNumber }
    timeline { kind visibility summary }
  }
}`;
interface Linked {
  caseByTicket: {
    status: string;
    followers: number;
    possibleDuplicateOf: { ticketNumber: string } | null;
    timeline: { kind: string; visibility: string; summary: string }[];
  } | null;
}
const REJECT = `mutation Reject($t: String!) {
  rejectPossibleDuplicate(ticketNumber: $t) { ticketNumber possibleDuplicateOf { ticketNumber } }
}`;
const MARK = `mutation Mark($input: MarkCaseDuplicateInput!) {
  markCaseDuplicate(input: $input) { id status possibleDuplicateOf { ticketNumber } }
}`;

describe('cases: a report near an open case of its service is linked as a possible duplicate (docs/adr/0063)', () => {
  let cases: ServiceHarness<CasesConfig>;
  let statusChanges: Consumer;
  /** Each test reports around its own place, far from the others'. */
  let place = 0;
  const nextPlace = () => ({ latitude: 30 + ++place * 0.1, longitude: -90 });

  beforeAll(async () => {
    cases = await startServiceHarness({ ...CASES_APP, namespace: 'nearby' });
    statusChanges = await cases.probe(StatusChanged);
  });

  afterAll(() => cases?.dispose());

  /** The case as `who` reads it: staff of its department, unless said (null: anonymous). */
  const linked = (ticket: string, who: Partial<Identity> | null = STREETS_WORKER) =>
    cases.query<Linked>(LINKED, { t: ticket }, who ?? undefined).then((r) => r.data!.caseByTicket!);

  /** Reports a pothole (or `serviceCode`) `metersNorth` of `at`, and waits for its case. */
  async function report(
    at: { latitude: number; longitude: number },
    metersNorth = 0,
    options: { serviceCode?: string; receivedAt?: Date; private?: boolean } = {},
  ): Promise<{ id: string; ticket: string }> {
    let builder = aSubmissionAccepted()
      .forService(options.serviceCode ?? 'pothole')
      .at({ latitude: at.latitude + metersNorth * NORTH, longitude: at.longitude })
      .searchingDuplicates();
    if (options.receivedAt) {
      builder = builder.receivedAt(options.receivedAt);
    }
    if (options.private) {
      builder = builder.asPrivate();
    }
    const submission = builder.build();
    await cases.publish(SubmissionAccepted, submission);
    const row = await waitFor(
      async () =>
        (
          await cases.database.rows<{ id: string }>(
            'SELECT id FROM service_case WHERE ticket_number = $1',
            [submission.ticketNumber],
          )
        )[0],
      { what: `case ${submission.ticketNumber} opened` },
    );
    return { id: row.id, ticket: submission.ticketNumber };
  }

  async function route(opened: { id: string; ticket: string }): Promise<void> {
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: opened.ticket })
        .toDepartment('streets', 'streets.general')
        .build(),
    );
    await waitFor(async () => (await linked(opened.ticket)).status === 'OPEN', {
      what: `case ${opened.ticket} routed`,
    });
  }

  it('links a report 20 m from an open case of the same service, for staff, on the internal timeline', async () => {
    const at = nextPlace();
    const first = await report(at);
    const second = await report(at, 20);

    const staffView = await linked(second.ticket);
    expect(staffView.possibleDuplicateOf).toEqual({ ticketNumber: first.ticket });
    expect(staffView.timeline.find((e) => e.kind === 'POSSIBLE_DUPLICATE')).toEqual({
      kind: 'POSSIBLE_DUPLICATE',
      visibility: 'INTERNAL',
      summary: `Possibly a duplicate of ${first.ticket}, 20 m away`,
    });
    // Residents and Open311 readers see neither the link nor the entry.
    const publicView = await linked(second.ticket, null);
    expect(publicView.possibleDuplicateOf).toBeNull();
    expect(publicView.timeline.map((e) => e.kind)).not.toContain('POSSIBLE_DUPLICATE');
    expect((await linked(first.ticket)).possibleDuplicateOf).toBeNull();
  });

  it('does not link a report 80 m away, one for another service, or to a closed case or one opened before the window', async () => {
    const at = nextPlace();
    await report(at);
    expect((await linked((await report(at, 80)).ticket)).possibleDuplicateOf).toBeNull();
    expect(
      (await linked((await report(at, 10, { serviceCode: 'graffiti' })).ticket))
        .possibleDuplicateOf,
    ).toBeNull();

    const elsewhere = nextPlace();
    const closed = await report(elsewhere);
    await cases.database.rows(
      "UPDATE service_case SET status = 'CLOSED', closed_at = now() WHERE id = $1",
      [closed.id],
    );
    expect((await linked((await report(elsewhere, 5)).ticket)).possibleDuplicateOf).toBeNull();

    const later = nextPlace();
    await report(later, 0, { receivedAt: new Date(Date.now() - 31 * DAY_MS) });
    expect((await linked((await report(later, 5)).ticket)).possibleDuplicateOf).toBeNull();
  });

  it('lets staff of its department reject the link, on the internal timeline', async () => {
    const at = nextPlace();
    const first = await report(at);
    await route(first);
    const second = await report(at, 15);
    await route(second);

    const refused = await cases.query(REJECT, { t: second.ticket }, PARKS_WORKER);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await cases.query(REJECT, { t: first.ticket }, STREETS_WORKER))).toEqual([
      'CASE_NOT_POSSIBLE_DUPLICATE',
    ]);

    const rejected = await cases.query<{
      rejectPossibleDuplicate: { possibleDuplicateOf: unknown };
    }>(REJECT, { t: second.ticket.toLowerCase() }, STREETS_WORKER);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectPossibleDuplicate.possibleDuplicateOf).toBeNull();
    const after = await linked(second.ticket);
    expect(after.possibleDuplicateOf).toBeNull();
    expect(after.timeline.at(-1)).toEqual({
      kind: 'POSSIBLE_DUPLICATE_REJECTED',
      visibility: 'INTERNAL',
      summary: `Not a duplicate of ${first.ticket}`,
    });
  });

  it('counts confirmed duplicates as followers, and names them when the parent changes', async () => {
    const at = nextPlace();
    const parent = await report(at);
    await route(parent);
    const metoo = await report(at, 20);
    await route(metoo);

    const marked = await cases.query<{
      markCaseDuplicate: { id: string; status: string; possibleDuplicateOf: unknown };
    }>(MARK, { input: { ticketNumber: metoo.ticket, duplicateOf: parent.ticket } }, STREETS_WORKER);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markCaseDuplicate).toMatchObject({
      status: 'CLOSED',
      possibleDuplicateOf: null,
    });
    expect((await linked(parent.ticket, null)).followers).toBe(1);
    expect((await linked(metoo.ticket)).followers).toBe(0);

    const changed = await cases.query(
      'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }',
      { i: { ticketNumber: parent.ticket, status: 'IN_PROGRESS' } },
      STREETS_WORKER,
    );
    expect(changed.errors).toBeUndefined();
    const event = await nextMatching<Envelope<StatusChangedV1>>(
      statusChanges,
      (e) => e.payload.caseId === parent.id && e.payload.to === 'IN_PROGRESS',
    );
    expect(event.payload.followers).toEqual([metoo.id]);
  });

  it('tells intake of the nearest open public case, never of a private one', async () => {
    const at = nextPlace();
    const hidden = await report(at, 0, { private: true });
    const search = { radiusMeters: 50, windowDays: 30 };
    const ask = (metersNorth: number) =>
      cases.ask(FindNearbyOpenCase, {
        serviceCode: 'pothole',
        latitude: at.latitude + metersNorth * NORTH,
        longitude: at.longitude,
        search,
      });
    expect(hidden.ticket).toBeTruthy();
    expect(await ask(10)).toEqual({});
    const shown = await report(at, 30);
    expect(await ask(20)).toEqual({ ticketNumber: shown.ticket });
    expect(await ask(100)).toEqual({});
  });
});
