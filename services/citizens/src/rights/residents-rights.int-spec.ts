import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Consumer } from '@nats-io/jetstream';
import {
  CasesCitizenData,
  CitizenErased,
  IntakeCitizenData,
  ResolveIdentity,
  Role,
  type CitizenErasedV1,
  type Envelope,
  type Identity,
} from '@civitas/contracts';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import {
  aConsentGiven,
  aConsentWithdrawn,
  aResolveIdentityRequest,
  errorCodes,
  gatewayHeaders,
  nextMatching,
  type ResolveIdentityInput,
  servedAndCommittedSdl,
  type ServiceHarness,
  startServiceHarness,
  startTestSmtpRelay,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  type TestSmtpRelay,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';
import { ConsentPolicy } from '../consents/index.js';
import { CITIZENS_SEALED_TABLES } from '../privacy/index.js';

const AGENT = aStaffMember(Role.Agent, 'agent-5');
const ADMIN = aStaffMember(Role.Admin, 'admin-5');
const ERIN = aResident('login|erin');
const FRED = aResident('login|fred');
const STRANGER = aResident('login|nobody');

const ME = `id firstName lastName email phone preferredLanguage
  contactPoints { kind value } consents { channel purpose granted source }`;

describe("residents' rights (citizens, Postgres + NATS)", () => {
  let svc: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let erased: Consumer;
  let erin: string;
  let fred: string;
  let smtp: TestSmtpRelay;

  /** The one-time code in the last message to `address` (sign-in links, contact points). */
  const lastCodeTo = (address: string) =>
    /\b(\d{6})\b/.exec(
      String(smtp.received.filter((m) => JSON.stringify(m.to).includes(address)).at(-1)?.text),
    )?.[1] ?? 'none';

  /** Staff link a sign-in with the code the resident received (ADR 0040). */
  async function linkLogin(citizenId: string, sub: string, residentEmail: string) {
    await svc.query(
      'mutation($c: ID!) { sendLoginLinkCode(citizenId: $c) { channel } }',
      { c: citizenId },
      AGENT,
    );
    return svc.query(
      'mutation($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
      { c: citizenId, s: sub, code: lastCodeTo(residentEmail) },
      AGENT,
    );
  }

  const resolve = (input: ResolveIdentityInput) =>
    svc.ask(ResolveIdentity, aResolveIdentityRequest(input));

  async function me(who: Partial<Identity>) {
    return svc.query<{ me: Record<string, unknown> }>(`query { me { ${ME} } }`, {}, who);
  }

  beforeAll(async () => {
    smtp = await startTestSmtpRelay();
    svc = await startServiceHarness({
      ...CITIZENS_APP,
      env: { NOTIFY_SMTP_URL: smtp.url },
    });
    sql = await svc.database.dataSource();
    erased = await svc.probe(CitizenErased);
    erin = (
      await resolve({
        contact: {
          firstName: 'Erin',
          lastName: 'Quarrington',
          email: 'erin.q@example.org',
          phone: '+1 617 555 0142',
          postalAddress: '77 Larkspur Lane',
        },
      })
    ).citizenId!;
    fred = (await resolve({ contact: { firstName: 'Fred', email: 'fred@example.net' } }))
      .citizenId!;
  });

  afterAll(async () => {
    await svc?.dispose();
    await smtp?.close();
  });

  it('lets staff link a sign-in to a profile, once', async () => {
    for (const [citizenId, sub, email] of [
      [erin, ERIN.sub!, 'erin.q@example.org'],
      [fred, FRED.sub!, 'fred@example.net'],
    ]) {
      const res = await linkLogin(citizenId, sub, email);
      expect(res.errors).toBeUndefined();
    }
    const again = await linkLogin(fred, ERIN.sub!, 'fred@example.net');
    expect(errorCodes(again)).toEqual(['LOGIN_ALREADY_LINKED']);
    const byResident = await svc.query(
      'mutation($c: ID!, $s: String!) { linkLogin(citizenId: $c, sub: $s) }',
      { c: erin, s: STRANGER.sub },
      FRED,
    );
    expect(errorCodes(byResident)).toEqual(['FORBIDDEN']);
  });

  it('shows a signed-in resident their own profile only, audited as a self-access', async () => {
    const mine = await me(ERIN);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me).toMatchObject({
      id: erin,
      firstName: 'Erin',
      email: 'erin.q@example.org',
      phone: '+16175550142',
      // Reported with an e-mail and a phone, nothing recorded: updates about her reports on both.
      consents: [
        { channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted: true, source: 'REPORTING' },
        { channel: 'SMS', purpose: 'STATUS_UPDATES', granted: true, source: 'REPORTING' },
      ],
    });
    expect((await me(FRED)).data!.me).toMatchObject({ id: fred, firstName: 'Fred' });
    expect(errorCodes(await me(STRANGER))).toEqual(['RESIDENT_NOT_LINKED']);
    expect(errorCodes(await me(AGENT))).toEqual(['FORBIDDEN']);
    const audit = await svc.query<{ auditLog: { actorSub: string; purpose: string }[] }>(
      'query($id: ID!) { auditLog(citizenId: $id) { actorSub purpose } }',
      { id: erin },
      ADMIN,
    );
    expect(audit.data!.auditLog).toContainEqual({ actorSub: ERIN.sub, purpose: 'self-access' });
  });

  it('lets a resident set their own consents, never someone else’s', async () => {
    const own = await svc.query<{ setConsent: { source: string } }>(
      'mutation($i: SetConsentInput!) { setConsent(input: $i) { source } }',
      { i: aConsentGiven().by('SMS').build() },
      ERIN,
    );
    expect(own.data?.setConsent).toEqual({ source: 'SELF_SERVICE' });
    const policy = svc.app.get(ConsentPolicy);
    expect(await policy.mayContact(erin, 'SMS', 'CASE_UPDATE')).toBe(true);
    const no = await svc.query(
      'mutation($i: SetConsentInput!) { setConsent(input: $i) { granted } }',
      { i: aConsentWithdrawn().build() },
      ERIN,
    );
    expect(no.errors).toBeUndefined();
    // What she sees is what notifications act on: no more e-mail about her reports.
    expect(await policy.mayContact(erin, 'EMAIL', 'CASE_UPDATE')).toBe(false);
    expect((await me(ERIN)).data!.me.consents).toEqual([
      { channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted: false, source: 'SELF_SERVICE' },
      { channel: 'SMS', purpose: 'STATUS_UPDATES', granted: true, source: 'SELF_SERVICE' },
    ]);
    const other = await svc.query(
      'mutation($i: SetConsentInput!) { setConsent(input: $i) { source } }',
      { i: aConsentGiven().of(fred).by('SMS').about('SURVEYS').build() },
      ERIN,
    );
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(await svc.app.get(ConsentPolicy).mayContact(fred, 'SMS', 'SURVEY')).toBe(false);
  });

  it('lets a resident change their language and contact points, refusing bad ones whole', async () => {
    const bad = await svc.query(
      'mutation { updateMyProfile(input: { preferredLanguage: "es", addContactPoints: [{ kind: EMAIL, value: "erin@work.example.org" }, { kind: PHONE, value: "12" }] }) { id } }',
      {},
      ERIN,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.fields).toEqual([
      { field: 'addContactPoints[1].value', reason: 'is not a valid phone number' },
    ]);
    expect((await me(ERIN)).data!.me.preferredLanguage).toBeNull();
    const res = await svc.query<{ updateMyProfile: Record<string, unknown> }>(
      `mutation { updateMyProfile(input: {
          preferredLanguage: "es",
          addContactPoints: [{ kind: EMAIL, value: " Erin@Work.Example.org " }],
          removeContactPoints: [{ kind: EMAIL, value: "ERIN.Q@example.org" }]
        }) { ${ME} } }`,
      {},
      ERIN,
    );
    expect(res.errors).toBeUndefined();
    // The new address counts once she enters the code sent to it (ADR 0040); until then she has none.
    expect(res.data!.updateMyProfile).toMatchObject({
      id: erin,
      preferredLanguage: 'es',
      email: null,
    });
    expect(res.data!.updateMyProfile.contactPoints).not.toContainEqual({
      kind: 'EMAIL',
      value: 'erin@work.example.org',
    });
    const verified = await svc.query<{ verifyMyContactPoint: Record<string, unknown> }>(
      `mutation($code: String!) { verifyMyContactPoint(input: { kind: EMAIL, value: "erin@work.example.org", code: $code }) { ${ME} } }`,
      { code: lastCodeTo('erin@work.example.org') },
      ERIN,
    );
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyMyContactPoint).toMatchObject({
      id: erin,
      preferredLanguage: 'es',
      email: 'erin@work.example.org',
    });
    const emails = (
      verified.data!.verifyMyContactPoint.contactPoints as { kind: string; value: string }[]
    )
      .filter((p) => p.kind === 'EMAIL')
      .map((p) => p.value);
    expect(emails).toEqual(['erin@work.example.org']);
    // The new address now recognises her on arrival; Fred is untouched.
    expect((await resolve({ contact: { email: 'erin@work.example.org' } })).citizenId).toBe(erin);
    expect((await me(FRED)).data!.me).toMatchObject({ email: 'fred@example.net' });
  });

  it('gathers everything held about the resident across services into one document', async () => {
    const asked: string[] = [];
    svc.respondAs(IntakeCitizenData, async (q) => {
      asked.push(`intake:${q.citizenId}`);
      return {
        submissions: [{ ticketNumber: 'SR-1', channel: 'WEB', payload: { reporter: 'x' } }],
      };
    });
    svc.respondAs(CasesCitizenData, async (q) => {
      asked.push(`cases:${q.citizenId}`);
      return { cases: [{ ticketNumber: 'SR-1', status: 'OPEN', timeline: [] }] };
    });
    const res = await svc.query<{ requestMyData: Record<string, any> }>(
      'query { requestMyData }',
      {},
      ERIN,
    );
    expect(res.errors).toBeUndefined();
    const doc = res.data!.requestMyData;
    expect(asked.sort()).toEqual([`cases:${erin}`, `intake:${erin}`]);
    expect(doc.citizens.profile).toMatchObject({
      id: erin,
      firstName: 'Erin',
      lastName: 'Quarrington',
    });
    expect(doc.citizens.identityLinks).toEqual([
      expect.objectContaining({ sourceSystem: 'civitas-login', sourceId: ERIN.sub }),
    ]);
    expect(doc.citizens.consentHistory).toEqual([
      expect.objectContaining({ channel: 'SMS', granted: true, source: 'SELF_SERVICE' }),
      expect.objectContaining({ channel: 'EMAIL', granted: false, source: 'SELF_SERVICE' }),
    ]);
    expect(doc.citizens.accessLog.length).toBeGreaterThan(0);
    expect(doc.intake.submissions).toEqual([
      { ticketNumber: 'SR-1', channel: 'WEB', payload: { reporter: 'x' } },
    ]);
    expect(doc.cases.cases).toEqual([{ ticketNumber: 'SR-1', status: 'OPEN', timeline: [] }]);
    const audit = await svc.query<{ auditLog: { purpose: string; fields: string[] }[] }>(
      'query($id: ID!) { auditLog(citizenId: $id) { purpose fields } }',
      { id: erin },
      ADMIN,
    );
    expect(audit.data!.auditLog[0]).toEqual({
      purpose: 'self-access: requestMyData',
      fields: ['export'],
    });
  });

  it('erases the resident: no personal data left, the id kept as a tombstone, services told', async () => {
    const res = await svc.query<{ eraseMe: { citizenId: string; erasedAt: string } }>(
      'mutation { eraseMe { citizenId erasedAt } }',
      {},
      ERIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.eraseMe.citizenId).toBe(erin);
    const event = await nextMatching<Envelope<CitizenErasedV1>>(
      erased,
      (e) => e.payload.citizenId === erin,
    );
    expect(event.payload.erasedAt).toBe(res.data!.eraseMe.erasedAt);

    // Staff find a tombstone: the id, nothing personal.
    const staff = await svc.query<{ citizen: Record<string, unknown> }>(
      'query($id: ID!) { citizen(id: $id, purpose: "check") { id firstName lastName email phone contactPoints { value } identityLinks { sourceId } } }',
      { id: erin },
      AGENT,
    );
    expect(staff.data!.citizen).toEqual({
      id: erin,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      contactPoints: [],
      identityLinks: [],
    });
    // Every sealed value left in the database, unsealed, says nothing about her.
    const cipher = new PiiCipher(parseKeyring(TEST_PII_KEYS, TEST_PII_HASH_KEY));
    let unsealed = '';
    for (const { table, columns } of CITIZENS_SEALED_TABLES) {
      for (const column of columns) {
        const rows = await sql.query<{ v: string | null }[]>(
          `SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`,
        );
        unsealed += rows.map((r) => cipher.decrypt(r.v)).join('\n');
      }
    }
    expect(unsealed).toContain('fred@example.net');
    for (const secret of ['erin', 'quarrington', '5550142', 'larkspur', 'login|erin']) {
      expect({ secret, found: unsealed.toLowerCase().includes(secret) }).toEqual({
        secret,
        found: false,
      });
    }
    const [row] = await sql.query<{ blind_tokens: string[]; email_hash: string | null }[]>(
      'SELECT blind_tokens, email_hash FROM citizen WHERE id = $1',
      [erin],
    );
    expect(row).toEqual({ blind_tokens: [], email_hash: null });
    // She is no longer recognised: the same details make a new resident.
    const again = await resolve({ contact: { email: 'erin@work.example.org' } });
    expect(again.match).toBe('NEW');
    expect(again.citizenId).not.toBe(erin);
    // Her sign-in is gone with her profile; nothing can contact her.
    expect(errorCodes(await me(ERIN))).toEqual(['RESIDENT_NOT_LINKED']);
    expect(await svc.app.get(ConsentPolicy).mayContact(erin, 'SMS', 'CASE_UPDATE')).toBe(false);
  });

  it('lets only an admin erase someone, says why it cannot, and erasing twice changes nothing', async () => {
    const byAgent = await svc.query(
      'mutation($id: ID!) { eraseCitizen(id: $id, reason: "letter") { citizenId } }',
      { id: fred },
      AGENT,
    );
    expect(errorCodes(byAgent)).toEqual(['FORBIDDEN']);
    const noReason = await svc.query(
      'mutation($id: ID!) { eraseCitizen(id: $id, reason: " ") { citizenId } }',
      { id: fred },
      ADMIN,
    );
    expect(noReason.errors![0].extensions!.fields).toEqual([
      { field: 'reason', reason: 'must be 1 to 1000 characters' },
    ]);
    const first = await svc.query<{ eraseCitizen: { erasedAt: string } }>(
      'mutation($id: ID!) { eraseCitizen(id: $id, reason: "request by letter") { erasedAt } }',
      { id: erin },
      ADMIN,
    );
    expect(first.errors).toBeUndefined();
    const [{ erased_at }] = await sql.query<{ erased_at: Date }[]>(
      'SELECT erased_at FROM citizen_erasure WHERE citizen_id = $1',
      [erin],
    );
    expect(new Date(first.data!.eraseCitizen.erasedAt)).toEqual(erased_at);
    expect((await me(FRED)).data!.me).toMatchObject({ firstName: 'Fred' });
  });

  it('serves the subgraph schema committed in services/citizens/schema.graphql (run npm run schema after changing it)', async () => {
    const { served, committed } = await servedAndCommittedSdl(
      svc.url,
      gatewayHeaders(),
      'citizens',
    );
    expect(committed).not.toBeNull();
    expect(served).toBe(committed);
  });
});
