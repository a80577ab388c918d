import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FindNearbyOpenCase,
  GetServiceCatalog,
  type FindNearbyOpenCaseRequest,
} from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  type SubmitServiceRequestInput,
  routingCatalog,
  startServiceHarness,
  type ServiceHarness,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber serviceNotice emergency }
}`;
interface Receipt {
  submitServiceRequest: { ticketNumber: string; serviceNotice: string | null; emergency: boolean };
}

const KNOWN = 'SR-2026-0000042';
const PLACE = { latitude: 40.7128, longitude: -74.006 };

describe('intake: a report of a problem already reported nearby is answered as already known (docs/adr/0063)', () => {
  let intake: ServiceHarness<IntakeConfig>;
  const asked: FindNearbyOpenCaseRequest[] = [];

  beforeAll(async () => {
    intake = await startServiceHarness({ ...INTAKE_APP, namespace: 'already-reported' });
    // Routing's catalog: graffiti looks 80 m round and 7 days back; pothole says nothing (older
    // routing: the defaults); both played by the test.
    intake.respondAs(
      GetServiceCatalog,
      routingCatalog(['pothole', 'graffiti'], {
        graffiti: { duplicateSearch: { radiusMeters: 80, windowDays: 7 } },
      }),
    );
  });

  afterAll(() => intake?.dispose());

  const submit = (input: SubmitServiceRequestInput) =>
    intake.query<Receipt>(SUBMIT, { input }).then((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.submitServiceRequest;
    });
  const published = async (ticketNumber: string) =>
    (
      await intake.database.rows<{ p: Record<string, unknown> }>(
        `SELECT envelope->'payload' AS p FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
        [ticketNumber],
      )
    )[0]?.p;

  it('tells the reporter the ticket cases names, in their language, and asks with the service’s search', async () => {
    const stop = intake.respondAs(FindNearbyOpenCase, async (request) => {
      asked.push(request);
      return { ticketNumber: KNOWN };
    });
    try {
      const english = await submit(aSubmitServiceRequestInput('graffiti').at(PLACE).build());
      expect(english.serviceNotice).toContain(`already been reported nearby as ${KNOWN}`);
      expect(asked.at(-1)).toEqual({
        serviceCode: 'graffiti',
        ...PLACE,
        search: { radiusMeters: 80, windowDays: 7 },
      });
      // The event carries the service's search, for cases to link the case by the same rule.
      expect(await published(english.ticketNumber)).toMatchObject({
        duplicateSearch: { radiusMeters: 80, windowDays: 7 },
      });

      const spanish = await submit(
        aSubmitServiceRequestInput('pothole')
          .at(PLACE)
          .withReporter({ email: 'lucia@example.org', preferredLanguage: 'es-MX' })
          .build(),
      );
      expect(spanish.serviceNotice).toContain(`ya se ha reportado cerca como ${KNOWN}`);
      expect(asked.at(-1)!.search).toEqual({ radiusMeters: 50, windowDays: 30 });

      // A possible emergency keeps its own notice: ringing 911 comes first.
      const emergency = await submit(
        aSubmitServiceRequestInput('pothole').at(PLACE).describedAs('gas leak by the hole').build(),
      );
      expect(emergency).toMatchObject({ emergency: true });
      expect(emergency.serviceNotice).toContain('911');
    } finally {
      await stop();
    }
  });

  it('gives the ordinary notice when cases knows nothing near', async () => {
    const stop = intake.respondAs(FindNearbyOpenCase, async () => ({}));
    try {
      const receipt = await submit(aSubmitServiceRequestInput('pothole').at(PLACE).build());
      expect(receipt.serviceNotice).toBeNull();
    } finally {
      await stop();
    }
  });

  it('accepts the report with the ordinary notice when cases is down or too slow to answer', async () => {
    const down = await submit(aSubmitServiceRequestInput('pothole').at(PLACE).build());
    expect(down.ticketNumber).toMatch(/^SR-/);
    expect(down.serviceNotice).toBeNull();
    expect(await published(down.ticketNumber)).toBeDefined();

    const stop = intake.respondAs(FindNearbyOpenCase, async () => {
      // Far past NEARBY_CASE_TIMEOUT_MS: had intake waited, the reporter would be told of KNOWN.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      return { ticketNumber: KNOWN };
    });
    try {
      const slow = await submit(aSubmitServiceRequestInput('pothole').at(PLACE).build());
      expect(slow.serviceNotice).toBeNull();
      expect(await published(slow.ticketNumber)).toBeDefined();
    } finally {
      await stop();
    }
  });
});
