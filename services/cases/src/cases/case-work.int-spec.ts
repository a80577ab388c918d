import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Consumer } from '@nats-io/jetstream';
import {
  CaseRouted,
  CaseStatus,
  HistoryAccepted,
  NoteAdded,
  Role,
  StatusChanged,
  SubmissionAccepted,
  type Envelope,
  type Identity,
  type NoteAddedV1,
  type StatusChangedV1,
} from '@civitas/contracts';
import {
  aCaseRouted,
  aHistoryAccepted,
  aSubmissionAccepted,
  errorCodes,
  nextMatching,
  startServiceHarness,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-streets', 'streets', 'parks');
const PARKS_WORKER = aStaffMember(Role.Caseworker, 'cw-parks', 'parks');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const RESIDENT = aResident('login|ana');

/** Who may not work a case of the streets department, with the code each is refused with. */
const NOT_OF_STREETS: [Partial<Identity> | undefined, string][] = [
  [undefined, 'UNAUTHENTICATED'],
  [RESIDENT, 'FORBIDDEN'],
  [ANALYST, 'FORBIDDEN'],
  [AGENT, 'FORBIDDEN'],
  [PARKS_WORKER, 'FORBIDDEN'],
  [aStaffMember(Role.Caseworker, 'cw-nowhere'), 'FORBIDDEN'],
  [{ sub: 'int-1', roles: [Role.Integration], clientId: 'app-1' }, 'FORBIDDEN'],
];

const CHANGE = `mutation Change($input: ChangeCaseStatusInput!) {
  changeCaseStatus(input: $input) { id ticketNumber status closedAt updatedAt }
}`;
const NOTE = `mutation Note($input: AddCaseNoteInput!) {
  addCaseNote(input: $input) { id ticketNumber status updatedAt }
}`;
const MARK = `mutation Mark($input: MarkCaseDuplicateInput!) {
  markCaseDuplicate(input: $input) { id ticketNumber status closedAt duplicateOf { ticketNumber } }
}`;
const DUPLICATE_OF = `query DuplicateOf($t: String!) {
  caseByTicket(ticketNumber: $t) {
    status closedAt district duplicateOf { ticketNumber duplicateOf { ticketNumber } }
    timeline { kind visibility summary author }
  }
}`;
const TIMELINE = `query Timeline($t: String!) {
  caseByTicket(ticketNumber: $t) { status closedAt timeline { kind visibility summary author } }
}`;

interface Changed {
  changeCaseStatus: { id: string; status: string; closedAt: string | null } | null;
}
interface Marked {
  markCaseDuplicate: {
    id: string;
    ticketNumber: string;
    status: string;
    closedAt: string | null;
    duplicateOf: { ticketNumber: string } | null;
  } | null;
}
interface Linked {
  caseByTicket: {
    status: string;
    closedAt: string | null;
    district: string | null;
    duplicateOf: { ticketNumber: string; duplicateOf: { ticketNumber: string } | null } | null;
    timeline: Entry[];
  } | null;
}
interface Entry {
  kind: string;
  visibility: string;
  summary: string;
  author: string | null;
}
interface Tracked {
  caseByTicket: { status: string; closedAt: string | null; timeline: Entry[] } | null;
}

/** What a routed case's timeline holds before staff touch it: OPENED, ROUTED, and routing opening it. */
const ROUTED_ENTRIES = 3;

/** Routing opening a case (NEW -> OPEN) is part of `routedCase()`'s set-up, not of what staff did. */
const openedByRouting = (e: Envelope<StatusChangedV1>) =>
  e.payload.from === 'NEW' && e.payload.to === 'OPEN';

describe('cases: staff work a case to closure (Postgres + NATS)', () => {
  let cases: ServiceHarness<CasesConfig>;
  let statusChanges: Consumer;
  let notes: Consumer;

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
    statusChanges = await cases.probe(StatusChanged);
    notes = await cases.probe(NoteAdded);
  });

  afterAll(() => cases?.dispose());

  const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    cases.database.rows<T>(sql, params);

  /**
   * Makes inserting a timeline entry that matches `when` (SQL on `NEW`) fail, so a change fails
   * midway through its transaction, until the returned function puts things back.
   */
  async function refuseTimelineEntries(when: string): Promise<() => Promise<void>> {
    await rows(`CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'timeline unavailable'; END $$`);
    await rows(`CREATE TRIGGER refuse_entry BEFORE INSERT ON timeline_entry FOR EACH ROW
      WHEN (${when}) EXECUTE FUNCTION refuse_entry()`);
    return async () => {
      await rows('DROP TRIGGER refuse_entry ON timeline_entry');
      await rows('DROP FUNCTION refuse_entry()');
    };
  }

  const track = (ticket: string, who?: Partial<Identity>) =>
    cases.query<Tracked>(TIMELINE, { t: ticket }, who).then((r) => r.data!.caseByTicket!);

  /** A case as intake and routing would leave it: opened (anonymous), then routed to `department`. */
  async function routedCase(department: string | null = 'streets'): Promise<string> {
    const submission = aSubmissionAccepted().at({ latitude: 40.71, longitude: -74.0 }).build();
    const { ticketNumber } = submission;
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (
          await cases.query<{ caseByTicket: { id: string } | null }>(
            'query($t: String!) { caseByTicket(ticketNumber: $t) { id } }',
            { t: ticketNumber },
          )
        ).data?.caseByTicket,
      { what: `case ${ticketNumber} opened` },
    );
    if (department) {
      await cases.publish(
        CaseRouted,
        aCaseRouted()
          .forCase({ caseId: opened.id, ticketNumber })
          .toDepartment(department, `${department}.general`)
          .build(),
      );
      await waitFor(async () => (await track(ticketNumber)).status === 'OPEN', {
        what: `case ${ticketNumber} routed`,
      });
    }
    return ticketNumber;
  }

  /** The next status change staff (or a resident) made that `predicate` picks. */
  const nextChange = (predicate: (e: Envelope<StatusChangedV1>) => boolean) =>
    nextMatching<Envelope<StatusChangedV1>>(
      statusChanges,
      (e) => !openedByRouting(e) && predicate(e),
    );

  const change = (
    who: Partial<Identity> | undefined,
    input: { ticketNumber: string; status: string; note?: string; publicNote?: string },
  ): Promise<GraphqlResponse<Changed>> => cases.query<Changed>(CHANGE, { input }, who);

  const fieldsOf = (res: GraphqlResponse<unknown>) =>
    (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field);

  it('lets a caseworker of its department move a case to in progress, on hold and closed, each on the timeline and the bus', async () => {
    const ticket = await routedCase();
    const started = await change(STREETS_WORKER, {
      ticketNumber: ticket.toLowerCase(),
      status: 'IN_PROGRESS',
      publicNote: 'A crew is booked for Tuesday',
      note: 'Needs the big roller',
    });
    expect(started.errors).toBeUndefined();
    expect(started.data!.changeCaseStatus).toMatchObject({ status: 'IN_PROGRESS', closedAt: null });
    const caseId = started.data!.changeCaseStatus!.id;

    expect(
      (await change(STREETS_WORKER, { ticketNumber: ticket, status: 'ON_HOLD' })).errors,
    ).toBeUndefined();
    const closed = await change(STREETS_WORKER, {
      ticketNumber: ticket,
      status: 'CLOSED',
      publicNote: 'Pothole filled',
    });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.changeCaseStatus!.status).toBe('CLOSED');
    expect(closed.data!.changeCaseStatus!.closedAt).not.toBeNull();

    // Staff see every entry and who wrote it.
    const staffView = await track(ticket, STREETS_WORKER);
    expect(staffView.timeline.slice(ROUTED_ENTRIES)).toEqual(
      expect.arrayContaining([
        {
          kind: 'STATUS_CHANGED',
          visibility: 'PUBLIC',
          summary: 'Status changed to in progress: A crew is booked for Tuesday',
          author: 'cw-streets',
        },
        {
          kind: 'NOTE',
          visibility: 'INTERNAL',
          summary: 'Needs the big roller',
          author: 'cw-streets',
        },
        {
          kind: 'STATUS_CHANGED',
          visibility: 'PUBLIC',
          summary: 'Status changed to on hold',
          author: 'cw-streets',
        },
        {
          kind: 'STATUS_CHANGED',
          visibility: 'PUBLIC',
          summary: 'Closed: Pothole filled',
          author: 'cw-streets',
        },
      ]),
    );
    expect(staffView.timeline).toHaveLength(ROUTED_ENTRIES + 4);
    // The resident sees the public entries, not the internal note, nor who on staff wrote them.
    const publicView = await track(ticket);
    expect(publicView.status).toBe('CLOSED');
    expect(publicView.timeline.map((e) => e.summary)).not.toContain('Needs the big roller');
    expect(publicView.timeline.every((e) => e.author === null)).toBe(true);
    expect(publicView.timeline.map((e) => e.summary).slice(-1)).toEqual(['Closed: Pothole filled']);

    // Each change is a status-changed event, emitted on behalf of the caseworker.
    const seen: [string, string][] = [];
    for (const to of ['IN_PROGRESS', 'ON_HOLD', 'CLOSED']) {
      const event = await nextChange((e) => e.payload.caseId === caseId && e.payload.to === to);
      seen.push([event.payload.from, event.payload.to]);
      expect(event.payload.serviceCode).toBe('pothole');
      expect(event.actor).toMatchObject({ service: 'cases', sub: 'cw-streets' });
    }
    expect(seen).toEqual([
      ['OPEN', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'ON_HOLD'],
      ['ON_HOLD', 'CLOSED'],
    ]);
    const internal = await nextMatching<Envelope<NoteAddedV1>>(
      notes,
      (e) => e.payload.caseId === caseId,
    );
    expect(internal.payload).toMatchObject({ visibility: 'INTERNAL', addedBy: 'cw-streets' });
    expect(JSON.stringify(internal)).not.toContain('big roller');
  });

  it('reopens a closed case to OPEN only, clearing its closure', async () => {
    const ticket = await routedCase();
    await change(STREETS_WORKER, { ticketNumber: ticket, status: 'CLOSED', publicNote: 'Done' });
    const backToWork = await change(STREETS_WORKER, {
      ticketNumber: ticket,
      status: 'IN_PROGRESS',
    });
    expect(errorCodes(backToWork)).toEqual(['CASE_TRANSITION_NOT_ALLOWED']);
    expect(backToWork.errors![0].extensions!.fields).toEqual([
      { field: 'status', reason: 'a closed case can only be reopened, to OPEN' },
    ]);
    const reopened = await change(STREETS_SUPERVISOR, {
      ticketNumber: ticket,
      status: 'OPEN',
      publicNote: 'The patch sank again',
    });
    expect(reopened.data?.changeCaseStatus).toMatchObject({ status: 'OPEN', closedAt: null });
    const view = await track(ticket);
    expect(view.timeline.map((e) => e.summary).slice(-1)).toEqual([
      'Reopened: The patch sank again',
    ]);
    const event = await nextChange(
      (e) => e.payload.ticketNumber === ticket && e.payload.from === 'CLOSED',
    );
    expect(event.payload.to).toBe('OPEN');
  });

  it('refuses bad moves and unknown tickets naming the field, and writes nothing', async () => {
    const ticket = await routedCase();
    const unrouted = await routedCase(null);
    const before = await rows<{ n: string }>('SELECT count(*) AS n FROM outbox');
    const entriesBefore = await rows<{ n: string }>('SELECT count(*) AS n FROM timeline_entry');

    const noResolution = await change(STREETS_WORKER, { ticketNumber: ticket, status: 'CLOSED' });
    expect(errorCodes(noResolution)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(noResolution)).toEqual(['publicNote']);

    const blank = await change(STREETS_WORKER, {
      ticketNumber: ticket,
      status: 'CLOSED',
      publicNote: '   ',
    });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(blank)).toEqual(['publicNote']);

    const same = await change(STREETS_WORKER, { ticketNumber: ticket, status: 'OPEN' });
    expect(errorCodes(same)).toEqual(['CASE_TRANSITION_NOT_ALLOWED']);
    expect(same.errors![0].extensions!.fields).toEqual([
      { field: 'status', reason: 'the case is already open' },
    ]);

    const toNew = await change(STREETS_WORKER, { ticketNumber: ticket, status: 'NEW' });
    expect(errorCodes(toNew)).toEqual(['CASE_TRANSITION_NOT_ALLOWED']);

    const notRouted = await change(ADMIN, { ticketNumber: unrouted, status: 'IN_PROGRESS' });
    expect(errorCodes(notRouted)).toEqual(['CASE_NOT_ROUTED']);
    expect(fieldsOf(notRouted)).toEqual(['status']);

    const unknown = await change(STREETS_WORKER, {
      ticketNumber: 'SR-1999-0000000',
      status: 'IN_PROGRESS',
    });
    expect(errorCodes(unknown)).toEqual(['CASE_NOT_FOUND']);
    expect(fieldsOf(unknown)).toEqual(['ticketNumber']);

    const badStatus = await cases.query(
      CHANGE,
      { input: { ticketNumber: ticket, status: 'FIXED' } },
      STREETS_WORKER,
    );
    expect(errorCodes(badStatus)).toEqual(['BAD_USER_INPUT']);

    const unknownNote = await cases.query(
      NOTE,
      { input: { ticketNumber: 'SR-1999-0000000', text: 'hello', public: true } },
      AGENT,
    );
    expect(errorCodes(unknownNote)).toEqual(['CASE_NOT_FOUND']);
    const blankNote = await cases.query(
      NOTE,
      { input: { ticketNumber: ticket, text: ' ', public: true } },
      AGENT,
    );
    expect(errorCodes(blankNote)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(blankNote)).toEqual(['text']);

    expect((await track(ticket)).status).toBe('OPEN');
    expect(await rows('SELECT count(*) AS n FROM outbox')).toEqual(before);
    expect(await rows('SELECT count(*) AS n FROM timeline_entry')).toEqual(entriesBefore);
  });

  it('lets only staff of the case’s department (and admins) change its status; agents may only write notes', async () => {
    const ticket = await routedCase('streets');
    for (const [who, code] of NOT_OF_STREETS) {
      const res = await change(who, { ticketNumber: ticket, status: 'IN_PROGRESS' });
      expect([who?.sub, errorCodes(res)]).toEqual([who?.sub, [code]]);
    }
    const otherDepartment = await change(PARKS_WORKER, {
      ticketNumber: ticket,
      status: 'IN_PROGRESS',
    });
    expect(otherDepartment.errors![0].message).toContain('streets');
    expect(fieldsOf(otherDepartment)).toEqual(['ticketNumber']);
    expect((await track(ticket)).status).toBe('OPEN');

    expect(
      (await change(ADMIN, { ticketNumber: ticket, status: 'ON_HOLD' })).data?.changeCaseStatus
        ?.status,
    ).toBe('ON_HOLD');
    expect(
      (await change(STREETS_SUPERVISOR, { ticketNumber: ticket, status: 'IN_PROGRESS' })).data
        ?.changeCaseStatus?.status,
    ).toBe('IN_PROGRESS');

    for (const who of [AGENT, PARKS_WORKER, STREETS_WORKER, ADMIN]) {
      const res = await cases.query(
        NOTE,
        { input: { ticketNumber: ticket, text: `seen by ${who.sub}`, public: false } },
        who,
      );
      expect([who.sub, res.errors]).toEqual([who.sub, undefined]);
    }
    for (const [who, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [RESIDENT, 'FORBIDDEN'],
      [ANALYST, 'FORBIDDEN'],
    ] as const) {
      const res = await cases.query(
        NOTE,
        { input: { ticketNumber: ticket, text: 'hello', public: true } },
        who,
      );
      expect(errorCodes(res)).toEqual([code]);
    }
  });

  it('adds public notes the resident and Open311 readers see, and internal ones only staff see', async () => {
    const ticket = await routedCase();
    const pub = await cases.query<{ addCaseNote: { ticketNumber: string } }>(
      NOTE,
      { input: { ticketNumber: ticket, text: 'We have ordered the asphalt', public: true } },
      AGENT,
    );
    expect(pub.data?.addCaseNote.ticketNumber).toBe(ticket);
    await cases.query(
      NOTE,
      { input: { ticketNumber: ticket, text: 'Caller was rude', public: false } },
      STREETS_WORKER,
    );
    const publicView = await track(ticket);
    expect(publicView.timeline.map((e) => [e.kind, e.summary]).slice(ROUTED_ENTRIES)).toEqual([
      ['NOTE', 'We have ordered the asphalt'],
    ]);
    const staffView = await track(ticket, AGENT);
    expect(staffView.timeline.slice(ROUTED_ENTRIES)).toEqual([
      {
        kind: 'NOTE',
        visibility: 'PUBLIC',
        summary: 'We have ordered the asphalt',
        author: 'agent-1',
      },
      { kind: 'NOTE', visibility: 'INTERNAL', summary: 'Caller was rude', author: 'cw-streets' },
    ]);
    // What the gateway's Open311 API reads (GET requests notes, GET servicerequestupdates).
    const open311 = await cases.query<{
      serviceRequests: { timeline: { kind: string; summary: string }[] }[];
      serviceRequestUpdates: { kind: string; summary: string }[];
    }>(
      `query($f: ServiceRequestFilterInput, $u: ServiceRequestUpdateFilterInput) {
        serviceRequests(filter: $f) { timeline { kind summary } }
        serviceRequestUpdates(filter: $u) { kind summary }
      }`,
      { f: { ticketNumbers: [ticket] }, u: { ticketNumbers: [ticket] } },
      { sub: 'open311-app', roles: [Role.Integration], clientId: 'open311-app' },
    );
    expect(open311.data!.serviceRequests[0].timeline).toContainEqual({
      kind: 'NOTE',
      summary: 'We have ordered the asphalt',
    });
    expect(open311.data!.serviceRequestUpdates.map((u) => u.summary)).toEqual([
      'We have ordered the asphalt',
      ...Array<unknown>(ROUTED_ENTRIES).fill(expect.any(String)),
    ]);
    expect(JSON.stringify(open311.data)).not.toContain('rude');

    const [publicEvent, internalEvent] = [
      await nextMatching<Envelope<NoteAddedV1>>(
        notes,
        (e) => e.payload.ticketNumber === ticket && e.payload.visibility === 'PUBLIC',
      ),
      await nextMatching<Envelope<NoteAddedV1>>(
        notes,
        (e) => e.payload.ticketNumber === ticket && e.payload.visibility === 'INTERNAL',
      ),
    ];
    expect(publicEvent.payload.addedBy).toBe('agent-1');
    expect(internalEvent.payload.addedBy).toBe('cw-streets');
    expect(JSON.stringify([publicEvent, internalEvent])).not.toMatch(/asphalt|rude/);
  });

  it('leaves no half-written change when the transaction fails midway', async () => {
    const ticket = await routedCase();
    const [{ id }] = await rows<{ id: string }>(
      'SELECT id FROM service_case WHERE ticket_number = $1',
      [ticket],
    );
    // The timeline insert fails after the case row was updated: everything must roll back.
    const restore = await refuseTimelineEntries(`NEW.summary LIKE '%half-written%'`);
    try {
      const failed = await change(STREETS_WORKER, {
        ticketNumber: ticket,
        status: 'CLOSED',
        publicNote: 'half-written',
      });
      expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await restore();
    }
    expect(await rows('SELECT status, closed_at FROM service_case WHERE id = $1', [id])).toEqual([
      { status: 'OPEN', closed_at: null },
    ]);
    // Only what opening and routing the case left (routing opened it: a status change of its own).
    expect(
      await rows(
        `SELECT envelope->>'type' AS type FROM outbox WHERE envelope->'payload'->>'caseId' = $1 ORDER BY seq`,
        [id],
      ),
    ).toEqual([{ type: 'cases.evt.case-opened.v1' }, { type: 'cases.evt.status-changed.v1' }]);
    expect(
      await rows(`SELECT kind FROM timeline_entry WHERE case_id = $1 ORDER BY at`, [id]),
    ).toEqual([{ kind: 'OPENED' }, { kind: 'ROUTED' }, { kind: 'STATUS_CHANGED' }]);
  });

  it('applies two closings at once one after the other: one closes, the other is refused', async () => {
    const ticket = await routedCase();
    const results = await Promise.all(
      [STREETS_WORKER, STREETS_SUPERVISOR, ADMIN].map((who) =>
        change(who, { ticketNumber: ticket, status: 'CLOSED', publicNote: `closed by ${who.sub}` }),
      ),
    );
    const codes = results.map((r) => errorCodes(r).join() || 'OK').sort();
    expect(codes).toEqual(['CASE_TRANSITION_NOT_ALLOWED', 'CASE_TRANSITION_NOT_ALLOWED', 'OK']);
    const [{ id }] = await rows<{ id: string }>(
      'SELECT id FROM service_case WHERE ticket_number = $1',
      [ticket],
    );
    expect(
      await rows(
        `SELECT 1 FROM timeline_entry WHERE case_id = $1 AND kind = 'STATUS_CHANGED' AND summary LIKE 'Closed%'`,
        [id],
      ),
    ).toHaveLength(1);
    expect(
      await rows(
        `SELECT 1 FROM outbox WHERE envelope->'payload'->>'caseId' = $1 AND envelope->>'type' = $2
           AND envelope->'payload'->>'to' = 'CLOSED'`,
        [id, StatusChanged.subject],
      ),
    ).toHaveLength(1);
  });

  describe('duplicates', () => {
    const mark = (
      who: Partial<Identity> | undefined,
      input: { ticketNumber: string; duplicateOf: string },
    ): Promise<GraphqlResponse<Marked>> => cases.query<Marked>(MARK, { input }, who);
    const linked = (ticket: string, who?: Partial<Identity>) =>
      cases.query<Linked>(DUPLICATE_OF, { t: ticket }, who).then((r) => r.data!.caseByTicket!);
    const linkOf = async (ticket: string) =>
      (
        await rows<{ parent: string | null }>(
          `SELECT p.ticket_number AS parent FROM service_case c
             LEFT JOIN service_case p ON p.id = c.duplicate_of_case_id WHERE c.ticket_number = $1`,
          [ticket],
        )
      )[0].parent;

    it('closes a case as a duplicate of its parent: linked, closed, on the timeline, the bus and the public read', async () => {
      const parent = await routedCase();
      const ticket = await routedCase();
      const marked = await mark(STREETS_WORKER, {
        ticketNumber: ` ${ticket.toLowerCase()} `,
        duplicateOf: parent.toLowerCase(),
      });
      expect(marked.errors).toBeUndefined();
      expect(marked.data!.markCaseDuplicate).toMatchObject({
        ticketNumber: ticket,
        status: 'CLOSED',
        duplicateOf: { ticketNumber: parent },
      });
      expect(marked.data!.markCaseDuplicate!.closedAt).not.toBeNull();
      const caseId = marked.data!.markCaseDuplicate!.id;

      // Anyone tracking it sees the link and the public closing entry, not who wrote it.
      const publicView = await linked(ticket);
      expect(publicView).toMatchObject({
        status: 'CLOSED',
        district: null,
        duplicateOf: { ticketNumber: parent, duplicateOf: null },
      });
      expect(publicView.timeline.slice(-1)).toEqual([
        {
          kind: 'STATUS_CHANGED',
          visibility: 'PUBLIC',
          summary: `Closed: duplicate of ${parent}`,
          author: null,
        },
      ]);
      expect((await linked(ticket, STREETS_WORKER)).timeline.slice(-1)[0].author).toBe(
        'cw-streets',
      );
      expect(await linked(parent)).toMatchObject({ status: 'OPEN', duplicateOf: null });
      expect(await linkOf(ticket)).toBe(parent);

      // What the gateway's Open311 API reads.
      const open311 = await cases.query<{
        serviceRequests: { status: string; duplicateOf: { ticketNumber: string } | null }[];
      }>(
        'query($f: ServiceRequestFilterInput) { serviceRequests(filter: $f) { ticketNumber status duplicateOf { ticketNumber } } }',
        { f: { ticketNumbers: [ticket, parent] } },
      );
      expect(open311.data!.serviceRequests).toEqual(
        expect.arrayContaining([
          { ticketNumber: ticket, status: 'CLOSED', duplicateOf: { ticketNumber: parent } },
          { ticketNumber: parent, status: 'OPEN', duplicateOf: null },
        ]),
      );

      // The same status-changed as any staff closure (notifications and analytics follow it).
      const event = await nextChange((e) => e.payload.caseId === caseId);
      expect(event.payload).toMatchObject({
        ticketNumber: ticket,
        from: 'OPEN',
        to: 'CLOSED',
        serviceCode: 'pothole',
        duplicateOf: parent,
      });
      expect(event.actor).toMatchObject({ service: 'cases', sub: 'cw-streets' });
    });

    it('does not name a private parent on the public timeline: Open311 readers and the reporter get "another request"', async () => {
      const parent = await routedCase();
      const ticket = await routedCase();
      await rows('UPDATE service_case SET private = true WHERE ticket_number = $1', [parent]);
      expect(
        (await mark(STREETS_WORKER, { ticketNumber: ticket, duplicateOf: parent })).errors,
      ).toBeUndefined();
      const publicView = await linked(ticket);
      expect(publicView.duplicateOf).toBeNull();
      expect(publicView.timeline.slice(-1)).toEqual([
        {
          kind: 'STATUS_CHANGED',
          visibility: 'PUBLIC',
          summary: 'Closed: duplicate of another request',
          author: null,
        },
      ]);
      expect(JSON.stringify(publicView)).not.toContain(parent);
      // Staff still see the link.
      expect((await linked(ticket, STREETS_WORKER)).duplicateOf?.ticketNumber).toBe(parent);
    });

    it('makes a reopened duplicate a case of its own again, whether staff or the resident reopen it', async () => {
      const parent = await routedCase();
      const [byStaff, byResident] = [await routedCase(), await routedCase()];
      for (const ticket of [byStaff, byResident]) {
        expect((await mark(ADMIN, { ticketNumber: ticket, duplicateOf: parent })).errors).toBe(
          undefined,
        );
      }
      const reopened = await change(STREETS_WORKER, {
        ticketNumber: byStaff,
        status: 'OPEN',
        publicNote: 'Not the same pothole after all',
      });
      expect(reopened.data?.changeCaseStatus?.status).toBe('OPEN');
      expect(await linked(byStaff)).toMatchObject({ status: 'OPEN', duplicateOf: null });
      expect(await linkOf(byStaff)).toBeNull();
      const event = await nextChange(
        (e) => e.payload.ticketNumber === byStaff && e.payload.to === 'OPEN',
      );
      expect(event.payload.duplicateOf).toBeUndefined();

      const notFixed = await cases.query(
        'mutation($i: ReopenServiceRequestInput!) { reopenServiceRequest(input: $i) { status } }',
        { i: { ticketNumber: byResident, reason: 'still dark' } },
        { sub: 'open311-app', roles: [Role.Integration], clientId: 'open311-app' },
      );
      expect(notFixed.errors).toBeUndefined();
      expect(await linked(byResident)).toMatchObject({ status: 'OPEN', duplicateOf: null });
      expect(await linkOf(byResident)).toBeNull();
      const residentEvent = await nextChange(
        (e) => e.payload.ticketNumber === byResident && e.payload.to === 'OPEN',
      );
      expect(residentEvent.payload).toMatchObject({ from: 'CLOSED', serviceCode: 'pothole' });
      // A case of its own again: it may be the parent of another, and be closed as a duplicate again.
      const another = await routedCase();
      expect(
        (await mark(ADMIN, { ticketNumber: another, duplicateOf: byResident })).errors,
      ).toBeUndefined();
      expect(
        (await mark(ADMIN, { ticketNumber: byStaff, duplicateOf: parent })).data?.markCaseDuplicate
          ?.duplicateOf,
      ).toEqual({ ticketNumber: parent });
    });

    it('refuses itself, unknown tickets, a duplicate as parent, closed and unrouted cases, naming the field, and writes nothing', async () => {
      const parent = await routedCase();
      const ticket = await routedCase();
      const child = await routedCase();
      const closed = await routedCase();
      const unrouted = await routedCase(null);
      expect((await mark(ADMIN, { ticketNumber: child, duplicateOf: parent })).errors).toBe(
        undefined,
      );
      expect(
        (await change(ADMIN, { ticketNumber: closed, status: 'CLOSED', publicNote: 'Filled' }))
          .errors,
      ).toBeUndefined();
      const outbox = await rows('SELECT count(*) AS n FROM outbox');
      const entries = await rows('SELECT count(*) AS n FROM timeline_entry');
      const states = await rows(
        'SELECT ticket_number, status, closed_at, duplicate_of_case_id, updated_at FROM service_case ORDER BY id',
      );

      const refusals: [{ ticketNumber: string; duplicateOf: string }, string, object[]][] = [
        [
          { ticketNumber: ticket, duplicateOf: ticket.toLowerCase() },
          'BAD_USER_INPUT',
          [{ field: 'duplicateOf', reason: 'is the case itself; name the case it duplicates' }],
        ],
        [
          { ticketNumber: ticket, duplicateOf: '  ' },
          'BAD_USER_INPUT',
          [expect.objectContaining({ field: 'duplicateOf' })],
        ],
        [
          { ticketNumber: 'SR-1999-0000000', duplicateOf: parent },
          'CASE_NOT_FOUND',
          [{ field: 'ticketNumber', reason: 'no case has this ticket number' }],
        ],
        [
          { ticketNumber: ticket, duplicateOf: 'SR-1999-0000000' },
          'CASE_NOT_FOUND',
          [{ field: 'duplicateOf', reason: 'no case has this ticket number' }],
        ],
        [
          { ticketNumber: 'SR-1999-0000001', duplicateOf: 'SR-1999-0000002' },
          'CASE_NOT_FOUND',
          [
            { field: 'ticketNumber', reason: 'no case has this ticket number' },
            { field: 'duplicateOf', reason: 'no case has this ticket number' },
          ],
        ],
        [
          { ticketNumber: ticket, duplicateOf: child },
          'CASE_PARENT_IS_DUPLICATE',
          [
            {
              field: 'duplicateOf',
              reason: `is itself a duplicate of ${parent}; name ${parent} instead`,
            },
          ],
        ],
        [
          { ticketNumber: child, duplicateOf: ticket },
          'CASE_TRANSITION_NOT_ALLOWED',
          [{ field: 'ticketNumber', reason: 'the case is already closed' }],
        ],
        [
          { ticketNumber: closed, duplicateOf: parent },
          'CASE_TRANSITION_NOT_ALLOWED',
          [{ field: 'ticketNumber', reason: 'the case is already closed' }],
        ],
        [
          { ticketNumber: unrouted, duplicateOf: parent },
          'CASE_NOT_ROUTED',
          [expect.objectContaining({ field: 'ticketNumber' })],
        ],
      ];
      for (const [input, code, fields] of refusals) {
        const res = await mark(ADMIN, input);
        expect([input, errorCodes(res), res.errors?.[0]?.extensions?.fields]).toEqual([
          input,
          [code],
          fields,
        ]);
      }
      const viaDuplicate = await mark(ADMIN, { ticketNumber: ticket, duplicateOf: child });
      expect(viaDuplicate.errors![0].message).toBe(
        `Case ${child} is itself a duplicate of ${parent}; mark ${ticket} a duplicate of ${parent}`,
      );

      expect(await rows('SELECT count(*) AS n FROM outbox')).toEqual(outbox);
      expect(await rows('SELECT count(*) AS n FROM timeline_entry')).toEqual(entries);
      expect(
        await rows(
          'SELECT ticket_number, status, closed_at, duplicate_of_case_id, updated_at FROM service_case ORDER BY id',
        ),
      ).toEqual(states);
    });

    it('lets staff of the duplicate’s department and admins mark it, whatever the parent’s department', async () => {
      const parkParent = await routedCase('parks');
      const ticket = await routedCase('streets');
      for (const [who, code] of NOT_OF_STREETS) {
        const res = await mark(who, { ticketNumber: ticket, duplicateOf: parkParent });
        expect([who?.sub, errorCodes(res)]).toEqual([who?.sub, [code]]);
      }
      const outsider = await mark(PARKS_WORKER, { ticketNumber: ticket, duplicateOf: parkParent });
      expect(fieldsOf(outsider)).toEqual(['ticketNumber']);
      expect(outsider.errors![0].message).toContain('streets');
      expect((await linked(ticket)).status).toBe('OPEN');

      // A streets caseworker may name a parks case as the parent.
      const byWorker = await mark(STREETS_WORKER, {
        ticketNumber: ticket,
        duplicateOf: parkParent,
      });
      expect(byWorker.data?.markCaseDuplicate?.duplicateOf).toEqual({ ticketNumber: parkParent });
      for (const who of [STREETS_SUPERVISOR, ADMIN]) {
        const other = await routedCase('streets');
        const res = await mark(who, { ticketNumber: other, duplicateOf: parkParent });
        expect([who.sub, res.data?.markCaseDuplicate?.status]).toEqual([who.sub, 'CLOSED']);
      }
    });

    it('takes a case’s own duplicates along when it becomes a duplicate itself, so links stay one step deep', async () => {
      const [root, middle, first, second] = [
        await routedCase(),
        await routedCase(),
        await routedCase(),
        await routedCase(),
      ];
      for (const ticket of [first, second]) {
        expect((await mark(ADMIN, { ticketNumber: ticket, duplicateOf: middle })).errors).toBe(
          undefined,
        );
      }
      const merged = await mark(STREETS_WORKER, { ticketNumber: middle, duplicateOf: root });
      expect(merged.errors).toBeUndefined();
      for (const ticket of [middle, first, second]) {
        expect([ticket, (await linked(ticket)).duplicateOf]).toEqual([
          ticket,
          { ticketNumber: root, duplicateOf: null },
        ]);
      }
      // The followers keep their own closing entry, which named the case they were first linked to.
      expect((await linked(first)).timeline.slice(-1)[0].summary).toBe(
        `Closed: duplicate of ${middle}`,
      );
    });

    it('leaves no half-written duplicate when the transaction fails midway', async () => {
      const [root, ticket, follower] = [await routedCase(), await routedCase(), await routedCase()];
      await mark(ADMIN, { ticketNumber: follower, duplicateOf: ticket });
      const [{ id }] = await rows<{ id: string }>(
        'SELECT id FROM service_case WHERE ticket_number = $1',
        [ticket],
      );
      const restore = await refuseTimelineEntries(`NEW.case_id = '${id}'`);
      try {
        const failed = await mark(ADMIN, { ticketNumber: ticket, duplicateOf: root });
        expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
      } finally {
        await restore();
      }
      expect(
        await rows(
          'SELECT status, closed_at, duplicate_of_case_id FROM service_case WHERE id = $1',
          [id],
        ),
      ).toEqual([{ status: 'OPEN', closed_at: null, duplicate_of_case_id: null }]);
      expect(await linkOf(follower)).toBe(ticket);
      expect(
        await rows(
          `SELECT envelope->>'type' AS type FROM outbox WHERE envelope->'payload'->>'caseId' = $1 ORDER BY seq`,
          [id],
        ),
      ).toEqual([{ type: 'cases.evt.case-opened.v1' }, { type: 'cases.evt.status-changed.v1' }]);
    });

    it('applies crossing marks one after the other, without deadlock: each pair ends one step deep', async () => {
      for (let round = 0; round < 3; round += 1) {
        const [a, b] = [await routedCase(), await routedCase()];
        const results = await Promise.all([
          mark(STREETS_WORKER, { ticketNumber: a, duplicateOf: b }),
          mark(STREETS_SUPERVISOR, { ticketNumber: b, duplicateOf: a }),
        ]);
        const codes = results.map((r) => errorCodes(r).join() || 'OK').sort();
        expect(codes[0]).toMatch(/^(CASE_PARENT_IS_DUPLICATE|CASE_TRANSITION_NOT_ALLOWED)$/);
        expect(codes[1]).toBe('OK');
        const links = [await linkOf(a), await linkOf(b)];
        expect(links.filter((l) => l !== null)).toHaveLength(1);
      }
    });

    it('serves the district an imported case brought from its legacy system', async () => {
      const sourceId = randomUUID().slice(0, 12);
      const ticketNumber = `SR-2014-${sourceId.toUpperCase()}`;
      await cases.publish(
        HistoryAccepted,
        aHistoryAccepted()
          .of(
            aSubmissionAccepted()
              .withTicketNumber(ticketNumber)
              .forService('streetlight')
              .receivedAt('2014-12-17T18:39:03.000Z')
              .withAttributes({ district: 'Ward 18' })
              .imported({
                sourceSystem: 'chicago311',
                sourceId,
                status: CaseStatus.CLOSED,
                closedAt: '2015-10-09T15:26:59.000Z',
              }),
          )
          .build(),
      );
      const imported = await waitFor(
        async () =>
          (
            await cases.query<{ caseByTicket: { district: string | null } | null }>(
              'query($t: String!) { caseByTicket(ticketNumber: $t) { district } }',
              { t: ticketNumber },
            )
          ).data?.caseByTicket,
        { what: `imported case ${ticketNumber}` },
      );
      expect(imported.district).toBe('Ward 18');
      expect((await linked(await routedCase())).district).toBeNull();
    });
  });
});
