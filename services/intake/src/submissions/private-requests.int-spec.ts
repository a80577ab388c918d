import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetServiceCatalog } from '@civitas/contracts';
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
 * What intake publishes about privacy and open data (docs/adr/0057): the private flag (the
 * reporter's choice or the service's) and the description scrubbed of contact details and the
 * reporter's own name, computed here because only intake holds the name beside the text.
 */
describe('intake: private requests and the published description', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness(INTAKE_APP);
    intake.respondAs(
      GetServiceCatalog,
      routingCatalog(['pothole', 'welfare-check'], { 'welfare-check': { alwaysPrivate: true } }),
    );
  });

  afterAll(() => intake?.dispose());

  const submit = async (input: object): Promise<Record<string, unknown>> => {
    const res = await intake.query<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input,
    });
    expect(res.errors).toBeUndefined();
    const [row] = await intake.database.rows<{ p: Record<string, unknown> }>(
      `SELECT envelope->'payload' AS p FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
      [res.data!.submitServiceRequest.ticketNumber],
    );
    return row.p;
  };

  it('marks a request private when the reporter asks', async () => {
    expect(await submit(aSubmitServiceRequestInput('pothole').asPrivate().build())).toMatchObject({
      private: true,
    });
  });

  it('marks every request for an always-private service private, whatever the reporter said', async () => {
    expect(await submit(aSubmitServiceRequestInput('welfare-check').build())).toMatchObject({
      private: true,
    });
    expect(
      await submit(aSubmitServiceRequestInput('welfare-check').with({ private: false }).build()),
    ).toMatchObject({ private: true });
  });

  it('leaves an ordinary request public', async () => {
    expect(await submit(aSubmitServiceRequestInput('pothole').build())).not.toHaveProperty(
      'private',
    );
  });

  it('refuses a private flag that is not a boolean, naming the field', async () => {
    const res = await intake.query(SUBMIT, {
      input: { ...aSubmitServiceRequestInput('pothole').build(), private: 'yes' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).toContain('private');
  });

  it('publishes the description with e-mail, phone and the reporter’s name removed', async () => {
    const payload = await submit(
      aSubmitServiceRequestInput('pothole')
        .describedAs(
          'Thaddeus Quimby-Farthingale here: pothole by my gate, reach me at t.quimby@example.org or 212 555 0199',
        )
        .withReporter({ firstName: 'Thaddeus', lastName: 'Quimby-Farthingale' })
        .build(),
    );
    expect(payload.publicDescription).toBe(
      '[name removed] [name removed] here: pothole by my gate, reach me at [e-mail removed] or [phone removed]',
    );
    // The description itself travels as before: cases keeps it for staff and the reporter.
    expect(payload.description).toContain('Thaddeus');
  });
});
