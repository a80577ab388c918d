import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResolveIdentity, Role, type Identity } from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aConsentGiven,
  aConsentWithdrawn,
  aResolveIdentityRequest,
  errorCodes,
  type ResolveIdentityInput,
  type ServiceHarness,
  type SetConsentInput,
  startServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';
import { ConsentPolicy } from './consent.policy.js';

const AGENT = aStaffMember(Role.Agent, 'agent-3');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-3');
const ADMIN = aStaffMember(Role.Admin, 'admin-3');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'super-3');

describe('consents (citizens, Postgres + NATS)', () => {
  let svc: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let reader: ConsentPolicy;
  let resident: string;

  const resolve = (input: ResolveIdentityInput) =>
    svc.ask(ResolveIdentity, aResolveIdentityRequest(input));

  async function setConsent(input: SetConsentInput, who: Partial<Identity> = AGENT) {
    return svc.query<{
      setConsent: { channel: string; purpose: string; granted: boolean; source: string };
    }>(
      'mutation($i: SetConsentInput!) { setConsent(input: $i) { channel purpose granted source } }',
      { i: input },
      who,
    );
  }

  beforeAll(async () => {
    svc = await startServiceHarness(CITIZENS_APP);
    sql = await svc.database.dataSource();
    reader = svc.app.get(ConsentPolicy);
    resident = (await resolve({ contact: { firstName: 'Cora', email: 'cora@example.org' } }))
      .citizenId!;
  });

  afterAll(() => svc?.dispose());

  it('takes the e-mail given when reporting as a yes to updates, follows what staff record, and needs a yes for the rest', async () => {
    // Reported with an e-mail address, nothing recorded: updates about the report, nothing else.
    expect(await reader.mayContact(resident, 'EMAIL', 'CASE_UPDATE')).toBe(true);
    expect(await reader.mayContact(resident, 'EMAIL', 'CLOSURE_SATISFACTION_QUESTION')).toBe(true);
    expect(await reader.mayContact(resident, 'SMS', 'CASE_UPDATE')).toBe(false);
    expect(await reader.mayContact(resident, 'EMAIL', 'NEWSLETTER')).toBe(false);
    expect(await reader.mayContact(resident, 'EMAIL', 'SURVEY')).toBe(false);
    const given = await setConsent(aConsentGiven().of(resident).toldBy('PHONE').build());
    expect(given.errors).toBeUndefined();
    expect(given.data!.setConsent).toEqual({
      channel: 'EMAIL',
      purpose: 'STATUS_UPDATES',
      granted: true,
      source: 'PHONE',
    });
    expect(await reader.mayContact(resident, 'EMAIL', 'CASE_UPDATE')).toBe(true);
    expect(await reader.mayContact(resident, 'EMAIL', 'SURVEY')).toBe(false);
    await setConsent(aConsentWithdrawn().of(resident).toldBy('LETTER').build());
    // Saying no stops the updates reporting had allowed, the closure's question with them.
    expect(await reader.mayContact(resident, 'EMAIL', 'CASE_UPDATE')).toBe(false);
    expect(await reader.mayContact(resident, 'EMAIL', 'CLOSURE_SATISFACTION_QUESTION')).toBe(false);
  });

  it('shows staff what reporting allowed, as notifications act on it, until a no is recorded', async () => {
    const fresh = (await resolve({ contact: { firstName: 'Dev', email: 'dev@example.org' } }))
      .citizenId!;
    const read = () =>
      svc.query<{
        citizen: {
          consents: { channel: string; purpose: string; granted: boolean; source: string }[];
        };
      }>(
        'query($id: ID!) { citizen(id: $id, purpose: "consent check") { consents { channel purpose granted source } } }',
        { id: fresh },
        AGENT,
      );
    expect((await read()).data!.citizen.consents).toEqual([
      { channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted: true, source: 'REPORTING' },
    ]);
    const refused = await setConsent(aConsentGiven().of(fresh).toldBy('REPORTING').build());
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'source' }),
    ]);
    await setConsent(
      aConsentGiven().of(fresh).about('SERVICE_ANNOUNCEMENTS').toldBy('WEB').build(),
    );
    expect(await reader.mayContact(fresh, 'EMAIL', 'NEWSLETTER')).toBe(true);
    expect(await reader.mayContact(fresh, 'EMAIL', 'AREA_ALERT')).toBe(true);
    expect(await reader.mayContact(fresh, 'SMS', 'NEWSLETTER')).toBe(false);
    await setConsent(aConsentWithdrawn().of(fresh).toldBy('EMAIL').build());
    expect((await read()).data!.citizen.consents).toEqual([
      { channel: 'EMAIL', purpose: 'SERVICE_ANNOUNCEMENTS', granted: true, source: 'WEB' },
      { channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted: false, source: 'EMAIL' },
    ]);
  });

  it('shows staff the current state and the whole history on the citizen, audited', async () => {
    const res = await svc.query<{
      citizen: {
        consents: { channel: string; granted: boolean; source: string }[];
        consentHistory: { granted: boolean; source: string; recordedBy: string }[];
      };
    }>(
      'query($id: ID!) { citizen(id: $id, purpose: "consent check") { consents { channel granted source } consentHistory { granted source recordedBy } } }',
      { id: resident },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.citizen.consents).toEqual([
      { channel: 'EMAIL', granted: false, source: 'LETTER' },
    ]);
    expect(res.data!.citizen.consentHistory).toEqual([
      { granted: true, source: 'PHONE', recordedBy: 'agent-3' },
      { granted: false, source: 'LETTER', recordedBy: 'agent-3' },
    ]);
    const audit = await svc.query<{
      auditLog: { actorSub: string; fields: string[]; purpose: string }[];
    }>(
      'query($id: ID!) { auditLog(citizenId: $id) { actorSub fields purpose } }',
      { id: resident },
      ADMIN,
    );
    expect(audit.data!.auditLog).toContainEqual({
      actorSub: 'agent-3',
      fields: ['consents'],
      purpose: 'consent check',
    });
  });

  it('refuses consents to an analyst, and says which field is wrong', async () => {
    const read = await svc.query<{ citizen: { consents: unknown } }>(
      'query($id: ID!) { citizen(id: $id) { consents { channel } } }',
      { id: resident },
      ANALYST,
    );
    expect(read.data?.citizen).toBeNull();
    expect(errorCodes(read)).toEqual(['FORBIDDEN']);
    const noSource = await setConsent(
      aConsentGiven().of(resident).by('SMS').about('SURVEYS').build(),
    );
    expect(errorCodes(noSource)).toEqual(['BAD_USER_INPUT']);
    expect(noSource.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'source' }),
    ]);
    expect(await reader.mayContact(resident, 'SMS', 'SURVEY')).toBe(false);
  });

  it('follows merges: the latest answer on either record counts, and an unmerge undoes it', async () => {
    const other = (await resolve({ contact: { firstName: 'Cora', phone: '+1 617 555 0177' } }))
      .citizenId!;
    await setConsent(aConsentGiven().of(other).by('SMS').toldBy('WALK_IN').build());
    expect(await reader.mayContact(resident, 'SMS', 'CASE_UPDATE')).toBe(false);
    const merged = await svc.query<{ mergeCitizens: { id: string } }>(
      'mutation($s: ID!, $m: ID!) { mergeCitizens(survivorId: $s, mergedId: $m, reason: "same Cora") { id } }',
      { s: resident, m: other },
      SUPERVISOR,
    );
    expect(merged.errors).toBeUndefined();
    expect(await reader.mayContact(resident, 'SMS', 'CASE_UPDATE')).toBe(true);
    expect(await reader.mayContact(other, 'SMS', 'CASE_UPDATE')).toBe(true);
    const view = await svc.query<{
      citizen: { consents: { channel: string; granted: boolean }[] };
    }>(
      'query($id: ID!) { citizen(id: $id, purpose: "merge check") { consents { channel granted } } }',
      { id: resident },
      AGENT,
    );
    expect(view.data!.citizen.consents).toEqual([
      { channel: 'EMAIL', granted: false },
      { channel: 'SMS', granted: true },
    ]);
    await svc.query(
      'mutation($id: ID!) { unmergeCitizens(mergeId: $id) { unmergedAt } }',
      { id: merged.data!.mergeCitizens.id },
      SUPERVISOR,
    );
    expect(await reader.mayContact(resident, 'SMS', 'CASE_UPDATE')).toBe(false);
    expect(await reader.mayContact(other, 'SMS', 'CASE_UPDATE')).toBe(true);
  });

  it('keeps the history append-only in the database', async () => {
    await expect(sql.query('DELETE FROM consent_event')).rejects.toThrow(/append-only/);
  });

  it('has migrations that match its entities', async () => {
    const drift = await pendingSchemaDrift(sql);
    expect(drift).toEqual([]);
  });
});
