import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResolveIdentity, Role } from '@civitas/contracts';
import {
  aResolveIdentityRequest,
  errorCodes,
  type ServiceHarness,
  startServiceHarness,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';

const FIND = `query Find($email: String, $phone: String, $purpose: String) {
  findCitizensByContact(email: $email, phone: $phone, purpose: $purpose) { id firstName email phone }
}`;
const AGENT = aStaffMember(Role.Agent, 'agent-42');

interface Found {
  findCitizensByContact: {
    id: string;
    firstName: string | null;
    email: string | null;
    phone: string | null;
  }[];
}

describe('citizens: staff find a caller by phone number or e-mail', () => {
  let citizens: ServiceHarness<CitizensConfig>;
  let maria: string;
  let olu: string;

  async function resolve(contact: Record<string, string>): Promise<string> {
    const reply = await citizens.request(ResolveIdentity, aResolveIdentityRequest({ contact }));
    expect(reply.ok).toBe(true);
    return reply.payload!.citizenId!;
  }

  beforeAll(async () => {
    citizens = await startServiceHarness(CITIZENS_APP);
    maria = await resolve({
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'Maria.Lopez@example.org',
      phone: '(212) 555-0142',
    });
    olu = await resolve({ firstName: 'Olu', email: 'olu@example.org' });
  });

  afterAll(() => citizens?.dispose());

  it('finds the caller by a phone number written differently, with their details for the agent', async () => {
    const res = await citizens.query<Found>(
      FIND,
      { phone: '+1 212.555.0142', purpose: 'incoming call' },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.findCitizensByContact).toEqual([
      { id: maria, firstName: 'Maria', email: 'maria.lopez@example.org', phone: '+12125550142' },
    ]);
  });

  it('finds by e-mail in any case, and by either contact when both are given', async () => {
    const byEmail = await citizens.query<Found>(FIND, { email: ' OLU@Example.org ' }, AGENT);
    expect(byEmail.errors).toBeUndefined();
    expect(byEmail.data!.findCitizensByContact.map((c) => c.id)).toEqual([olu]);
    const both = await citizens.query<Found>(
      FIND,
      { email: 'olu@example.org', phone: '2125550142' },
      AGENT,
    );
    expect(both.data!.findCitizensByContact.map((c) => c.id)).toEqual([olu, maria]);
    const none = await citizens.query<Found>(FIND, { email: 'nobody@example.org' }, AGENT);
    expect(none.data!.findCitizensByContact).toEqual([]);
  });

  it('writes who looked up whom, by what and why, in the audit log', async () => {
    await citizens.query<Found>(
      FIND,
      { phone: '212-555-0142', purpose: 'caller about SR-2026-0000001' },
      aStaffMember(Role.Agent, 'agent-audit'),
    );
    const rows = await citizens.database.rows<{
      citizen_id: string;
      fields: string[];
      purpose: string;
    }>(
      "SELECT citizen_id, fields, purpose, outcome FROM pii_access_audit WHERE actor_sub = 'agent-audit' ORDER BY at",
    );
    expect(rows).toContainEqual({
      citizen_id: maria,
      fields: ['phone'],
      purpose: 'contact look-up: caller about SR-2026-0000001',
      outcome: 'GRANTED',
    });
  });

  it('is for staff only', async () => {
    expect(errorCodes(await citizens.query(FIND, { phone: '2125550142' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await citizens.query(FIND, { phone: '2125550142' }, aResident('r')))).toEqual(
      ['FORBIDDEN'],
    );
    expect(
      errorCodes(
        await citizens.query(FIND, { phone: '2125550142' }, aStaffMember(Role.Analyst, 'a')),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['nothing to look up by', {}, 'NO_USABLE_CONTACT', 'email'],
    ['a phone that is not a number', { phone: '555-01' }, 'NO_USABLE_CONTACT', 'phone'],
    ['a malformed e-mail', { email: 'not-an-email' }, 'BAD_USER_INPUT', 'email'],
  ])('refuses %s, naming the field', async (_what, variables, code, field) => {
    const res = await citizens.query(FIND, variables, AGENT);
    expect(errorCodes(res)).toEqual([code]);
    expect(
      (res.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field),
    ).toContain(field);
  });
});
