import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, errorCodes } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    status department { code } queue { code assignment } assignee { subject name }
  }
}`;
const SAVE_QUEUE = `mutation($i: SaveQueueInput!) { saveQueue(input: $i) { code assignment } }`;
const SAVE_STAFF = `mutation($i: SaveStaffMemberInput!) { saveStaffMember(input: $i) { subject active } }`;
const WORKLIST = `query($f: WorklistFilterInput) {
  worklist(filter: $f, sort: DUE_AT, first: 10) {
    nodes { ticketNumber sla { state } department { code } assignee { subject } }
    hasNextPage
  }
}`;
const CLAIM = `mutation($t: String!) { claimCase(ticketNumber: $t) { assignee { subject name } } }`;
const WORKLOAD = `query($d: String!) { workload(departmentCode: $d) { subject open } }`;

interface Tracked {
  caseByTicket: {
    status: string;
    department: { code: string } | null;
    queue: { code: string; assignment: string } | null;
    assignee: { subject: string; name: string } | null;
  } | null;
}
interface Worklist {
  worklist: {
    nodes: {
      ticketNumber: string;
      sla: { state: string } | null;
      department: { code: string };
      assignee: { subject: string } | null;
    }[];
    hasNextPage: boolean;
  };
}

type Routed = NonNullable<Tracked['caseByTicket']> & { ticket: string };

/**
 * A department's worklist, a claim and a queue handing out its cases by itself, through the
 * gateway on the whole platform (docs/adr/0059).
 */
describe('worklists and assignment (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    e2e.call<T>(query, variables, who && tokens[who]);

  /** A new report, once routing has opened it (and its queue assigned it, in the same step). */
  async function submitAndRoute(description: string): Promise<Routed> {
    const { ticketNumber: ticket } = await e2e.submitRouted(
      aSubmitServiceRequestInput('pothole')
        .describedAs(description)
        .via(Channel.WEB)
        .at({ latitude: 40.7128, longitude: -74.006, address: '1 Worklist Way' })
        .build(),
    );
    const routed = (await call<Tracked>(TRACK, { t: ticket }, 'admin')).data!.caseByTicket!;
    return { ticket, ...routed };
  }

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    tokens.admin = await e2e.token(Role.Admin, { sub: 'admin-worklist' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('a caseworker claims from their worklist; a LEAST_LOADED queue then gives new cases out by itself', async () => {
    const first = await submitAndRoute('Pothole outside the library');
    const department = first.department!.code;
    const queue = first.queue!.code;
    expect(first.queue!.assignment).toBe('MANUAL');
    expect(first.assignee).toBeNull();
    tokens.ana = await e2e.token(Role.Caseworker, { sub: 'cw-ana', departments: [department] });
    tokens.ben = await e2e.token(Role.Caseworker, { sub: 'cw-ben', departments: [department] });
    tokens.boss = await e2e.token(Role.Supervisor, { sub: 'sup-wl', departments: [department] });
    for (const [subject, name] of [
      ['cw-ana', 'Ana Alvarez'],
      ['cw-ben', 'Ben Brown'],
    ]) {
      const saved = await call(
        SAVE_STAFF,
        {
          i: {
            subject,
            name,
            email: `${subject}@city.example`,
            departmentCodes: [department],
            queueCodes: [queue],
            capacity: 10,
            active: true,
          },
        },
        'boss',
      );
      expect(saved.errors).toBeUndefined();
    }

    // The case waits unassigned in the department's worklist; Ana claims it.
    const waiting = await call<Worklist>(WORKLIST, { f: { assignee: 'UNASSIGNED' } }, 'ana');
    expect(waiting.errors).toBeUndefined();
    expect(waiting.data!.worklist.nodes.map((n) => n.ticketNumber)).toContain(first.ticket);
    expect(waiting.data!.worklist.nodes.every((n) => n.department.code === department)).toBe(true);
    const claimed = await call<{ claimCase: { assignee: { subject: string; name: string } } }>(
      CLAIM,
      { t: first.ticket },
      'ana',
    );
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimCase.assignee).toEqual({ subject: 'cw-ana', name: 'Ana Alvarez' });
    const mine = await call<Worklist>(WORKLIST, { f: { assignee: 'ME' } }, 'ana');
    expect(mine.data!.worklist.nodes).toEqual([
      expect.objectContaining({ ticketNumber: first.ticket, sla: { state: 'ON_TRACK' } }),
    ]);
    expect(errorCodes(await call(CLAIM, { t: first.ticket }, 'admin'))).toEqual([
      'STAFF_NOT_FOUND',
    ]);

    // The supervisor makes the queue hand out its cases: the next one goes to Ben, who has none.
    const policy = await call(
      SAVE_QUEUE,
      {
        i: {
          code: queue,
          departmentCode: department,
          name: 'Potholes',
          assignment: 'LEAST_LOADED',
        },
      },
      'boss',
    );
    expect(policy.errors).toBeUndefined();
    const second = await submitAndRoute('Another pothole by the bus stop');
    expect(second.queue).toEqual({ code: queue, assignment: 'LEAST_LOADED' });
    expect(second.assignee).toEqual({ subject: 'cw-ben', name: 'Ben Brown' });
    const bens = await call<Worklist>(WORKLIST, { f: { assignee: 'ME' } }, 'ben');
    expect(bens.data!.worklist.nodes.map((n) => n.ticketNumber)).toEqual([second.ticket]);

    const workload = await call<{ workload: { subject: string; open: number }[] }>(
      WORKLOAD,
      { d: department },
      'boss',
    );
    expect(workload.data!.workload).toEqual([
      { subject: 'cw-ana', open: 1 },
      { subject: 'cw-ben', open: 1 },
    ]);
    // A resident following the ticket does not learn who works it.
    expect(
      (await call<Tracked>(TRACK, { t: second.ticket })).data!.caseByTicket!.assignee,
    ).toBeNull();
  });
});
