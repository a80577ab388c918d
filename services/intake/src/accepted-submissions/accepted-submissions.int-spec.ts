import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttributeDatatype,
  GetServiceCatalog,
  SubmissionsByTicket,
  type ServiceAttributeView,
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
  submitServiceRequest(input: $input) { ticketNumber submissionId }
}`;

const SIZE: ServiceAttributeView = {
  code: 'size',
  variable: true,
  datatype: AttributeDatatype.singlevaluelist,
  required: false,
  order: 1,
  description: 'size',
  values: ['small', 'large'].map((key) => ({ key, name: key })),
};

/**
 * What intake tells cases of a ticket whose case is not open yet (docs/adr/0070): what it
 * accepted, never who reported it; cases decides who sees it.
 */
describe('intake: what is known of an accepted ticket', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness(INTAKE_APP);
    intake.respondAs(
      GetServiceCatalog,
      routingCatalog(
        { pothole: [SIZE], 'welfare-check': [] },
        { 'welfare-check': { alwaysPrivate: true } },
      ),
    );
  });

  afterAll(() => intake?.dispose());

  const submit = async (input: object) => {
    const res = await intake.query<{
      submitServiceRequest: { ticketNumber: string; submissionId: string };
    }>(SUBMIT, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.submitServiceRequest;
  };

  it('answers the submission as accepted, without the reporter, and leaves unknown tickets out', async () => {
    const receipt = await submit(
      aSubmitServiceRequestInput('pothole')
        .at({ latitude: 40.7128, longitude: -74.006, address: ' 1 Centre St ', addressId: 'A-17' })
        .describedAs('Deep pothole in the bus lane')
        .withAnswers([{ code: 'size', values: [' large '] }])
        .withReporter({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@example.org' })
        .with({ mediaUrl: 'https://img.example.org/p.jpg' })
        .build(),
    );
    const reply = await intake.ask(SubmissionsByTicket, {
      ticketNumbers: [receipt.ticketNumber, 'SR-2026-9999999'],
    });
    expect(reply.submissions).toEqual([
      {
        submissionId: receipt.submissionId,
        ticketNumber: receipt.ticketNumber,
        serviceCode: 'pothole',
        channel: 'WEB',
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        emergency: false,
        private: false,
        description: 'Deep pothole in the bus lane',
        location: { latitude: 40.7128, longitude: -74.006, address: '1 Centre St' },
        addressId: 'A-17',
        mediaUrl: 'https://img.example.org/p.jpg',
        attributes: { size: 'large' },
      },
    ]);
    expect(JSON.stringify(reply)).not.toMatch(/Ana|Ruiz|ana\.ruiz/);
  });

  it('says a request is private when the reporter asked or its service always is', async () => {
    const asked = await submit(aSubmitServiceRequestInput('pothole').asPrivate().build());
    const always = await submit(
      aSubmitServiceRequestInput('welfare-check').with({ private: false }).build(),
    );
    const reply = await intake.ask(SubmissionsByTicket, {
      ticketNumbers: [asked.ticketNumber, always.ticketNumber],
    });
    expect(Object.fromEntries(reply.submissions.map((s) => [s.ticketNumber, s.private]))).toEqual({
      [asked.ticketNumber]: true,
      [always.ticketNumber]: true,
    });
  });

  it('takes a submission of unknown privacy (accepted before it was recorded) as private', async () => {
    const old = await submit(aSubmitServiceRequestInput('pothole').build());
    await intake.database.rows('UPDATE submission SET private = NULL WHERE id = $1', [
      old.submissionId,
    ]);
    const reply = await intake.ask(SubmissionsByTicket, { ticketNumbers: [old.ticketNumber] });
    expect(reply.submissions[0].private).toBe(true);
  });

  it('answers cases only', async () => {
    const reply = await intake.request(
      SubmissionsByTicket,
      { ticketNumbers: ['SR-2026-0000001'] },
      { as: 'routing' },
    );
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('FORBIDDEN');
  });
});
