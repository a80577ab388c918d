import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetServiceCatalog,
  SplitSubmission,
  type SplitSubmissionRequest,
} from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  routingCatalog,
  startServiceHarness,
  type ServiceHarness,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;

/**
 * Cases asks intake to split a case (docs/adr/0062): each part is accepted like any submission,
 * with its own ticket, the parent's sealed reporter, channel and place, and names the parent.
 */
describe('intake: the parts of a split case are submissions of their own', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness(INTAKE_APP);
    intake.respondAs(
      GetServiceCatalog,
      routingCatalog(['pothole', 'tree-down', 'welfare-check'], {
        'welfare-check': { alwaysPrivate: true },
      }),
    );
  });

  afterAll(() => intake?.dispose());

  /** The `submission-accepted` payload intake put in its outbox for `ticket`. */
  const accepted = async (ticket: string): Promise<Record<string, unknown>> => {
    const [row] = await intake.database.rows<{ p: Record<string, unknown> }>(
      `SELECT envelope->'payload' AS p FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
      [ticket],
    );
    return row.p;
  };

  async function submitted(): Promise<string> {
    const res = await intake.query<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input: aSubmitServiceRequestInput('pothole')
        .withReporter({ email: 'ana@example.org', preferredLanguage: 'es' })
        .build(),
    });
    expect(res.errors).toBeUndefined();
    return res.data!.submitServiceRequest.ticketNumber;
  }

  const request = (parentTicketNumber: string, serviceCodes: string[]): SplitSubmissionRequest => ({
    parentTicketNumber,
    parts: serviceCodes.map((serviceCode, i) => ({ serviceCode, description: `part ${i + 1}` })),
    private: false,
    splitBy: 'cw-streets',
  });

  it('accepts one submission per part, carrying the parent, its reporter and place', async () => {
    const parent = await submitted();
    const reply = await intake.ask(SplitSubmission, request(parent, ['pothole', 'welfare-check']), {
      as: 'cases',
    });
    expect(reply.children.map((c) => [c.serviceCode, c.private])).toEqual([
      ['pothole', false],
      ['welfare-check', true],
    ]);
    const original = await accepted(parent);
    const [a, b] = await Promise.all(reply.children.map((c) => accepted(c.ticketNumber)));
    for (const [part, child] of [a, b].map((p, i) => [p, reply.children[i]] as const)) {
      expect(part).toMatchObject({
        submissionId: child.submissionId,
        serviceCode: child.serviceCode,
        parentTicketNumber: parent,
        channel: original.channel,
        location: original.location,
      });
      // The same person, sealed again for citizens.
      expect(typeof part.reporterSealed).toBe('string');
    }
    expect(a.description).toBe('part 1');
    expect(b.private).toBe(true);
    const [row] = await intake.database.rows<{ submitted_by_sub: string }>(
      'SELECT submitted_by_sub FROM submission WHERE ticket_number = $1',
      [reply.children[0].ticketNumber],
    );
    expect(row.submitted_by_sub).toBe('cw-streets');
  });

  it('answers the same split again with the same tickets, accepting nothing new', async () => {
    const parent = await submitted();
    const first = await intake.ask(SplitSubmission, request(parent, ['pothole', 'tree-down']), {
      as: 'cases',
    });
    const again = await intake.ask(SplitSubmission, request(parent, ['pothole', 'tree-down']), {
      as: 'cases',
    });
    expect(again.children).toEqual(first.children);
    const [{ n }] = await intake.database.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'parentTicketNumber' = $1`,
      [parent],
    );
    expect(n).toBe(2);
  });

  it('refuses the whole split when a part names no active service, naming the part', async () => {
    const parent = await submitted();
    const reply = await intake.request(
      SplitSubmission,
      request(parent, ['pothole', 'no-such-service']),
      { as: 'cases' },
    );
    expect(reply.error).toMatchObject({
      code: 'BAD_REQUEST',
      problems: [expect.objectContaining({ field: 'parts[1].serviceCode' })],
    });
    const [{ n }] = await intake.database.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'parentTicketNumber' = $1`,
      [parent],
    );
    expect(n).toBe(0);
  });

  it('refuses an unknown parent and any caller but cases', async () => {
    const unknown = await intake.request(SplitSubmission, request('SR-1999-0000001', ['pothole']), {
      as: 'cases',
    });
    expect(unknown.error?.code).toBe('NOT_FOUND');
    const parent = await submitted();
    const stranger = await intake.request(SplitSubmission, request(parent, ['pothole']), {
      as: 'citizens',
    });
    expect(stranger.error?.code).toBe('FORBIDDEN');
  });
});
