import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Channel,
  Role,
  SubmissionAccepted,
  SubmissionsByTicket,
  type AcceptedSubmissionView,
  type Identity,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import {
  aSubmissionAccepted,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const RESIDENT = aResident('login|the-reporter');
const AGENT = aStaffMember(Role.Agent, 'agent-1');

const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id ticketNumber status priority dueAt createdAt updatedAt channel description mediaUrl emergency
    private location { latitude longitude address addressId } service { code } district
    reporterId timeline { kind } attributes { code values } sla { dueAt } followers
  }
}`;
const STATUS = `query($t: String!) { ticketStatus(ticketNumber: $t) { ticketNumber status private } }`;
const LIST = `query($f: ServiceRequestFilterInput) {
  serviceRequests(filter: $f) { ticketNumber status createdAt description }
}`;

interface Tracked {
  id: string;
  ticketNumber: string;
  status: string;
  priority: string | null;
  createdAt: string;
  description: string | null;
  private: boolean;
  location: { latitude: number | null; longitude: number | null; address: string | null };
  service: { code: string };
  reporterId: string | null;
  timeline: { kind: string }[];
  attributes: { code: string; values: string[] }[];
  sla: unknown;
}

/** What intake answers about a submission it accepted: the event's facts without the reporter. */
const viewOf = (s: SubmissionAcceptedV1): AcceptedSubmissionView => ({
  submissionId: s.submissionId,
  ticketNumber: s.ticketNumber,
  serviceCode: s.serviceCode,
  channel: s.channel,
  receivedAt: s.receivedAt,
  emergency: s.emergency,
  private: s.private === true,
  description: s.description,
  location: s.location,
  attributes: s.attributes,
});

/**
 * Read after write (docs/adr/0070): a ticket intake acknowledged is answered before cases has
 * opened its case from `submission-accepted` — here nothing is published until a test says so,
 * so no case exists while intake (played by the test) knows the submission.
 */
describe('cases: a ticket intake accepted is readable before its case is open', () => {
  let cases: ServiceHarness<CasesConfig>;
  const accepted = new Map<string, SubmissionAcceptedV1>();
  const asked: string[][] = [];
  let stopIntake: () => Promise<void>;

  const publicReport = aSubmissionAccepted()
    .via(Channel.WEB)
    .at({ latitude: 40.7128, longitude: -74.006, address: '1 Centre St' })
    .describedAs('Deep pothole in the bus lane')
    .withAttributes({ depth: 'deep' })
    .build();
  const privateReport = aSubmissionAccepted()
    .forService('welfare-check')
    .at({ address: '2 Hidden Lane' })
    .describedAs('My neighbour has not been seen for days')
    .asPrivate()
    .build();

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
    for (const s of [publicReport, privateReport]) {
      accepted.set(s.ticketNumber, s);
    }
    stopIntake = cases.respondAs(SubmissionsByTicket, async ({ ticketNumbers }) => {
      asked.push(ticketNumbers);
      return {
        submissions: ticketNumbers.flatMap((t) => {
          const s = accepted.get(t);
          return s ? [viewOf(s)] : [];
        }),
      };
    });
  });

  afterAll(() => cases?.dispose());

  const track = async (ticket: string, who?: Partial<Identity>) => {
    const res = await cases.query<{ caseByTicket: Tracked | null }>(TRACK, { t: ticket }, who);
    expect(res.errors).toBeUndefined();
    return res.data!.caseByTicket;
  };

  it('answers an accepted ticket with no case yet as the case it will open: NEW, not routed, no reporter', async () => {
    const found = await track(publicReport.ticketNumber.toLowerCase());
    expect(found).toEqual({
      id: publicReport.submissionId,
      ticketNumber: publicReport.ticketNumber,
      status: 'NEW',
      priority: null,
      dueAt: null,
      createdAt: publicReport.receivedAt,
      updatedAt: publicReport.receivedAt,
      channel: 'WEB',
      description: 'Deep pothole in the bus lane',
      mediaUrl: null,
      emergency: false,
      private: false,
      location: { latitude: 40.7128, longitude: -74.006, address: '1 Centre St', addressId: null },
      service: { code: 'pothole' },
      district: null,
      reporterId: null,
      timeline: [],
      attributes: [{ code: 'depth', values: ['deep'] }],
      sla: null,
      followers: 0,
    });
    // Staff who serve residents get no reporter either: citizens has not resolved one yet.
    expect((await track(publicReport.ticketNumber, AGENT))?.reporterId).toBeNull();
  });

  it('still answers an unknown ticket as not found, having asked intake', async () => {
    asked.length = 0;
    expect(await track('SR-2026-9999999')).toBeNull();
    expect(asked).toEqual([['SR-2026-9999999']]);
    expect((await cases.query(STATUS, { t: 'SR-2026-9999999' })).data).toEqual({
      ticketStatus: null,
    });
  });

  it('shows a private one only to staff who serve residents; anyone holding the ticket gets its status', async () => {
    expect(await track(privateReport.ticketNumber)).toBeNull();
    expect(await track(privateReport.ticketNumber, RESIDENT)).toBeNull();
    expect((await track(privateReport.ticketNumber, AGENT))?.description).toBe(
      'My neighbour has not been seen for days',
    );
    expect((await cases.query(STATUS, { t: privateReport.ticketNumber })).data).toEqual({
      ticketStatus: { ticketNumber: privateReport.ticketNumber, status: 'NEW', private: true },
    });
  });

  it('lists a public one asked for by ticket (Open311 GET requests/{id}), within the other filters', async () => {
    const list = async (filter: object) =>
      (
        await cases.query<{ serviceRequests: { ticketNumber: string; status: string }[] }>(LIST, {
          f: filter,
        })
      ).data?.serviceRequests;
    const tickets = [publicReport.ticketNumber, privateReport.ticketNumber, 'SR-2026-9999998'];
    expect(await list({ ticketNumbers: tickets })).toEqual([
      {
        ticketNumber: publicReport.ticketNumber,
        status: 'NEW',
        createdAt: publicReport.receivedAt,
        description: 'Deep pothole in the bus lane',
      },
    ]);
    // The same to staff: these lists are public whoever asks.
    expect(
      (
        await cases.query<{ serviceRequests: unknown[] }>(
          LIST,
          { f: { ticketNumbers: tickets } },
          AGENT,
        )
      ).data?.serviceRequests,
    ).toHaveLength(1);
    expect(await list({ ticketNumbers: tickets, statuses: ['CLOSED'] })).toEqual([]);
    expect(await list({ ticketNumbers: tickets, serviceCodes: ['graffiti'] })).toEqual([]);
  });

  it('answers the case itself once it is open, under the same id, without asking intake', async () => {
    await cases.publish(SubmissionAccepted, publicReport);
    await cases.publish(SubmissionAccepted, privateReport);
    await waitFor(
      async () =>
        (
          await cases.database.rows('SELECT id FROM service_case WHERE ticket_number = ANY($1)', [
            [publicReport.ticketNumber, privateReport.ticketNumber],
          ])
        ).length === 2 || undefined,
      { what: 'both cases opened' },
    );
    asked.length = 0;
    const found = await track(publicReport.ticketNumber);
    expect(found).toMatchObject({ id: publicReport.submissionId, status: 'NEW' });
    expect(found?.timeline.map((e) => e.kind)).toEqual(['OPENED']);
    // A private case the caller may not see is not looked for at intake either.
    expect(await track(privateReport.ticketNumber)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('answers as before (not found) while intake does not answer', async () => {
    const stranded = aSubmissionAccepted().build();
    accepted.set(stranded.ticketNumber, stranded);
    expect((await track(stranded.ticketNumber))?.status).toBe('NEW');
    await stopIntake();
    const started = Date.now();
    expect(await track(stranded.ticketNumber)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
