import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CasesCitizenData,
  IntakeCitizenData,
  ResolveIdentity,
  Role,
  type Identity,
} from '@civitas/contracts';
import {
  aResolveIdentityRequest,
  errorCodes,
  startServiceHarness,
  startTestSmtpRelay,
  type ResolveIdentityInput,
  type ServiceHarness,
  type TestSmtpRelay,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-7');
const OTHER_AGENT = aStaffMember(Role.Agent, 'agent-8');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'supervisor-7');
const ADMIN = aStaffMember(Role.Admin, 'admin-7');
const MALLORY = aResident('login|mallory');
const PAT = aResident('login|pat');
const QUINN = aResident('login|quinn');
const ROSA = aResident('login|rosa');
const SAM = aResident('login|sam');
const TEO = aResident('login|teo');
const UMA = aResident('login|uma');

const PROFILE = `id email phone contactPoints { kind value }
  unverifiedContactPoints { kind value codeExpiresAt }`;

interface Profile {
  id: string;
  email: string | null;
  phone: string | null;
  contactPoints: { kind: string; value: string }[];
  unverifiedContactPoints: { kind: string; value: string; codeExpiresAt: string | null }[];
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('contact points count once proved (citizens, Postgres + NATS + SMTP)', () => {
  let svc: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let smtp: TestSmtpRelay;
  let webhook: Server;
  const mails: ParsedMail[] = [];
  const texts: { to: string; body: string }[] = [];
  let mallory: string;

  const resolve = (input: ResolveIdentityInput) =>
    svc.ask(ResolveIdentity, aResolveIdentityRequest(input));
  const mailsTo = (address: string) =>
    mails.filter((m) => m.to && JSON.stringify(m.to).toLowerCase().includes(address));
  const codeIn = (mail: { text?: string | false } | undefined): string =>
    /\b(\d{6})\b/.exec(String(mail?.text ?? ''))?.[1] ?? 'no code';
  const lastCodeTo = (address: string) => codeIn(mailsTo(address).at(-1));

  async function me(who: Partial<Identity>): Promise<Profile> {
    const res = await svc.query<{ me: Profile }>(`query { me { ${PROFILE} } }`, {}, who);
    expect(res.errors).toBeUndefined();
    return res.data!.me;
  }

  function addContact(who: Partial<Identity>, kind: string, value: string) {
    return svc.query<{ updateMyProfile: Profile }>(
      `mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { ${PROFILE} } }`,
      { i: { addContactPoints: [{ kind, value }] } },
      who,
    );
  }

  function verify(who: Partial<Identity>, kind: string, value: string, code: string) {
    return svc.query<{ verifyMyContactPoint: Profile }>(
      `mutation($i: VerifyContactPointInput!) { verifyMyContactPoint(input: $i) { ${PROFILE} } }`,
      { i: { kind, value, code } },
      who,
    );
  }

  function resend(who: Partial<Identity>, kind: string, value: string) {
    return svc.query<{ resendContactPointCode: Profile }>(
      `mutation($i: ContactPointInput!) { resendContactPointCode(input: $i) { ${PROFILE} } }`,
      { i: { kind, value } },
      who,
    );
  }

  /** Links a sign-in the way staff must: a code sent to the resident, read out by them. */
  async function linkWithCode(citizenId: string, sub: string, residentEmail: string) {
    const sent = await svc.query<{ sendLoginLinkCode: { channel: string; sentTo: string } }>(
      'mutation($c: ID!) { sendLoginLinkCode(citizenId: $c) { channel sentTo expiresAt } }',
      { c: citizenId },
      AGENT,
    );
    expect(sent.errors).toBeUndefined();
    const linked = await svc.query(
      'mutation($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
      { c: citizenId, s: sub, code: lastCodeTo(residentEmail) },
      AGENT,
    );
    expect(linked.errors).toBeUndefined();
    return sent.data!.sendLoginLinkCode;
  }

  /** A resident with no e-mail, linked to `sub` on a supervisor's approval. */
  async function linkedResident(firstName: string, sub: string): Promise<string> {
    const id = (
      await resolve({
        contact: { firstName, lastName: 'Test', postalAddress: `1 ${firstName} St` },
      })
    ).citizenId!;
    const asked = await svc.query<{ requestLoginLink: { id: string } }>(
      'mutation($c: ID!, $s: String!, $r: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: $r) { id } }',
      { c: id, s: sub, r: 'seen at the counter' },
      AGENT,
    );
    const decided = await svc.query(
      'mutation($id: ID!) { decideLoginLink(id: $id, approve: true) { status } }',
      { id: asked.data!.requestLoginLink.id },
      SUPERVISOR,
    );
    expect(decided.errors).toBeUndefined();
    return id;
  }

  beforeAll(async () => {
    smtp = await startTestSmtpRelay({ received: mails });
    // The SMS provider is an outside service: its webhook is played by a local HTTP server.
    webhook = createServer((req, res) => {
      void readJson(req).then((body) => {
        texts.push(body as { to: string; body: string });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const smsPort = await listen(webhook);
    svc = await startServiceHarness({
      ...CITIZENS_APP,
      env: {
        NOTIFY_SMTP_URL: smtp.url,
        SMS_WEBHOOK_URL: `http://127.0.0.1:${smsPort}/sms`,
      },
    });
    sql = await svc.database.dataSource();
    svc.respondAs(IntakeCitizenData, async () => ({ submissions: [] }));
    svc.respondAs(CasesCitizenData, async () => ({ cases: [] }));
    mallory = (
      await resolve({
        contact: { firstName: 'Mallory', lastName: 'Fenwick', email: 'mallory@example.net' },
      })
    ).citizenId!;
  });

  afterAll(async () => {
    await svc?.dispose();
    await smtp?.close();
    await new Promise((done) => webhook?.close(done));
  });

  it('refuses linkLogin without proof, and links with the code the resident received', async () => {
    const bare = await svc.query(
      'mutation($c: ID!, $s: String!) { linkLogin(citizenId: $c, sub: $s) }',
      { c: mallory, s: MALLORY.sub },
      AGENT,
    );
    expect(errorCodes(bare)).toEqual(['LOGIN_PROOF_REQUIRED']);
    expect(bare.errors![0].extensions!.fields).toEqual([
      { field: 'code', reason: 'is required: the code sent to the resident, read out by them' },
    ]);
    const sent = await svc.query<{ sendLoginLinkCode: Record<string, string> }>(
      'mutation($c: ID!) { sendLoginLinkCode(citizenId: $c) { channel sentTo } }',
      { c: mallory },
      AGENT,
    );
    expect(sent.data!.sendLoginLinkCode).toEqual({ channel: 'EMAIL', sentTo: 'm…@example.net' });
    const code = lastCodeTo('mallory@example.net');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await svc.query(
      'mutation($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
      { c: mallory, s: MALLORY.sub, code: code === '000000' ? '111111' : '000000' },
      AGENT,
    );
    expect(errorCodes(wrong)).toEqual(['VERIFICATION_CODE_WRONG']);
    // The code is good only for the agent who asked for it.
    const byAnother = await svc.query(
      'mutation($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
      { c: mallory, s: MALLORY.sub, code },
      OTHER_AGENT,
    );
    expect(errorCodes(byAnother)).toEqual(['CONTACT_POINT_NOT_PENDING']);
    expect((await svc.query('query { me { id } }', {}, MALLORY)).errors).toBeDefined();
    const right = await svc.query(
      'mutation($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
      { c: mallory, s: MALLORY.sub, code },
      AGENT,
    );
    expect(right.errors).toBeUndefined();
    expect((await me(MALLORY)).id).toBe(mallory);
    const audit = await svc.query<{
      auditLog: { actorSub: string; purpose: string; outcome: string }[];
    }>(
      'query($id: ID!) { auditLog(citizenId: $id) { actorSub purpose outcome } }',
      { id: mallory },
      ADMIN,
    );
    expect(audit.data!.auditLog).toEqual(
      expect.arrayContaining([
        { actorSub: AGENT.sub, purpose: 'link-login refused: no code', outcome: 'DENIED' },
        { actorSub: AGENT.sub, purpose: 'link-login refused: wrong code', outcome: 'DENIED' },
        { actorSub: AGENT.sub, purpose: 'link-login: code from the resident', outcome: 'GRANTED' },
      ]),
    );
  });

  it('links a sign-in without a code only on the approval of a supervisor other than the requester', async () => {
    const pat = (
      await resolve({
        contact: { firstName: 'Pat', lastName: 'Oduya', postalAddress: '4 Elm Row' },
      })
    ).citizenId!;
    const noContact = await svc.query(
      'mutation($c: ID!) { sendLoginLinkCode(citizenId: $c) { channel } }',
      { c: pat },
      AGENT,
    );
    expect(errorCodes(noContact)).toEqual(['NO_VERIFIED_CONTACT_POINT']);
    const asked = await svc.query<{ requestLoginLink: { id: string; status: string } }>(
      'mutation($c: ID!, $s: String!, $r: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: $r) { id status } }',
      { c: pat, s: PAT.sub, r: 'walk-in, ID card seen' },
      SUPERVISOR,
    );
    expect(asked.data!.requestLoginLink.status).toBe('PENDING');
    const id = asked.data!.requestLoginLink.id;
    const own = await svc.query(
      'mutation($id: ID!) { decideLoginLink(id: $id, approve: true) { status } }',
      { id },
      SUPERVISOR,
    );
    expect(errorCodes(own)).toEqual(['LOGIN_LINK_OWN_REQUEST']);
    const byAgent = await svc.query(
      'mutation($id: ID!) { decideLoginLink(id: $id, approve: true) { status } }',
      { id },
      AGENT,
    );
    expect(errorCodes(byAgent)).toEqual(['FORBIDDEN']);
    const pending = await svc.query<{ pendingLoginLinks: { id: string }[] }>(
      'query { pendingLoginLinks { id } }',
      {},
      ADMIN,
    );
    expect(pending.data!.pendingLoginLinks).toEqual([{ id }]);
    const approved = await svc.query<{ decideLoginLink: { status: string; decidedBy: string } }>(
      'mutation($id: ID!) { decideLoginLink(id: $id, approve: true) { status decidedBy } }',
      { id },
      ADMIN,
    );
    expect(approved.data!.decideLoginLink).toEqual({ status: 'APPROVED', decidedBy: ADMIN.sub });
    expect((await me(PAT)).id).toBe(pat);
    const audit = await svc.query<{
      auditLog: { actorSub: string; purpose: string; outcome: string }[];
    }>(
      'query($id: ID!) { auditLog(citizenId: $id) { actorSub purpose outcome } }',
      { id: pat },
      ADMIN,
    );
    expect(audit.data!.auditLog).toEqual(
      expect.arrayContaining([
        {
          actorSub: SUPERVISOR.sub,
          purpose: 'link-login requested for approval: walk-in, ID card seen',
          outcome: 'GRANTED',
        },
        {
          actorSub: ADMIN.sub,
          purpose: `link-login approved (requested by ${SUPERVISOR.sub}: walk-in, ID card seen)`,
          outcome: 'GRANTED',
        },
      ]),
    );
  });

  it("does not hand a resident's future reports to someone who added their e-mail and phone", async () => {
    const before = mails.length;
    const added = await svc.query<{ updateMyProfile: Profile }>(
      `mutation { updateMyProfile(input: { addContactPoints: [
          { kind: EMAIL, value: "Vera.Lindqvist@example.org" }, { kind: PHONE, value: "+1 617 555 0199" }] }) { ${PROFILE} } }`,
      {},
      MALLORY,
    );
    expect(added.errors).toBeUndefined();
    // Shown to Mallory as unverified, not as hers.
    expect(added.data!.updateMyProfile.contactPoints).toEqual([
      { kind: 'EMAIL', value: 'mallory@example.net' },
    ]);
    expect(added.data!.updateMyProfile.unverifiedContactPoints).toEqual([
      expect.objectContaining({ kind: 'EMAIL', value: 'vera.lindqvist@example.org' }),
      expect.objectContaining({ kind: 'PHONE', value: '+16175550199' }),
    ]);
    // The codes went to Vera's address and phone, not to Mallory.
    expect(mails.slice(before).map((m) => JSON.stringify(m.to))).toEqual([
      expect.stringContaining('vera.lindqvist@example.org'),
    ]);
    expect(texts.at(-1)).toEqual(expect.objectContaining({ to: '+16175550199' }));

    // Vera reports for the first time: she is a new resident, Mallory gains nothing.
    const vera = await resolve({
      contact: {
        firstName: 'Vera',
        lastName: 'Lindqvist',
        email: 'vera.lindqvist@example.org',
        phone: '(617) 555-0199',
        postalAddress: '12 Juniper Court',
      },
    });
    expect(vera).toMatchObject({ match: 'NEW' });
    expect(vera.citizenId).not.toBe(mallory);
    const hers = await me(MALLORY);
    expect(hers.contactPoints).toEqual([{ kind: 'EMAIL', value: 'mallory@example.net' }]);
    const data = await svc.query<{ requestMyData: unknown }>(
      'query { requestMyData }',
      {},
      MALLORY,
    );
    expect(data.errors).toBeUndefined();
    const dump = JSON.stringify(data.data!.requestMyData);
    expect(dump).not.toContain('Juniper');
    expect(dump).not.toContain('Vera');
    // Her next report by e-mail alone is hers too.
    expect((await resolve({ contact: { email: 'vera.lindqvist@example.org' } })).citizenId).toBe(
      vera.citizenId,
    );
    // Guessing the code does not help.
    const sentToVera = lastCodeTo('vera.lindqvist@example.org');
    const guess = sentToVera === '123456' ? '654321' : '123456';
    const guessed = await verify(MALLORY, 'EMAIL', 'vera.lindqvist@example.org', guess);
    expect(errorCodes(guessed)).toEqual(['VERIFICATION_CODE_WRONG']);
  });

  it('tells the holder of a contact point when someone else claims it', async () => {
    const before = mails.length;
    const res = await addContact(
      MALLORY,
      'EMAIL',
      'mallory@example.net'.replace('mallory', 'ines'),
    );
    expect(res.errors).toBeUndefined();
    // Nobody holds ines@…: only the code.
    expect(mails.slice(before).map((m) => m.subject)).toEqual([
      'Your Civitas 311 verification code',
    ]);
    const holder = await resolve({ contact: { firstName: 'Olu', email: 'olu@example.org' } });
    const mark = mails.length;
    expect((await addContact(MALLORY, 'EMAIL', 'OLU@example.org')).errors).toBeUndefined();
    const toOlu = mails.slice(mark).filter((m) => JSON.stringify(m.to).includes('olu@example.org'));
    expect(toOlu.map((m) => m.subject)).toEqual([
      'Someone asked to add your contact details to their profile',
      'Your Civitas 311 verification code',
    ]);
    expect(String(toOlu[0].text)).not.toMatch(/\d{6}/);
    expect((await resolve({ contact: { email: 'olu@example.org' } })).citizenId).toBe(
      holder.citizenId,
    );
    // A new code for the same claim does not tell the holder again.
    const again = mails.length;
    expect((await resend(MALLORY, 'EMAIL', 'olu@example.org')).errors).toBeUndefined();
    expect(mails.slice(again).map((m) => m.subject)).toEqual([
      'Your Civitas 311 verification code',
    ]);
  });

  it('makes a proved e-mail a contact point that recognises the resident and is their primary', async () => {
    const quinn = await linkedResident('Quinn', QUINN.sub!);
    expect((await addContact(QUINN, 'EMAIL', 'quinn@example.org')).errors).toBeUndefined();
    expect((await resolve({ contact: { email: 'quinn@example.org' } })).citizenId).not.toBe(quinn);
    const ok = await verify(QUINN, 'EMAIL', 'quinn@example.org', lastCodeTo('quinn@example.org'));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.verifyMyContactPoint).toMatchObject({
      email: 'quinn@example.org',
      contactPoints: expect.arrayContaining([{ kind: 'EMAIL', value: 'quinn@example.org' }]),
      unverifiedContactPoints: [],
    });
    // A code works once.
    const twice = await verify(
      QUINN,
      'EMAIL',
      'quinn@example.org',
      lastCodeTo('quinn@example.org'),
    );
    expect(errorCodes(twice)).toEqual(['CONTACT_POINT_NOT_PENDING']);
  });

  it('refuses an expired code, and voids a code after five wrong attempts', async () => {
    const rosa = await linkedResident('Rosa', ROSA.sub!);
    expect((await addContact(ROSA, 'EMAIL', 'late@example.org')).errors).toBeUndefined();
    const code = lastCodeTo('late@example.org');
    await sql.query(
      `UPDATE contact_point_claim SET code_expires_at = now() - interval '1 second' WHERE citizen_id = $1 AND kind = 'EMAIL' AND code_expires_at > now()`,
      [rosa],
    );
    const late = await verify(ROSA, 'EMAIL', 'late@example.org', code);
    expect(errorCodes(late)).toEqual(['VERIFICATION_CODE_EXPIRED']);
    expect(late.errors![0].extensions!.fields).toEqual([
      { field: 'code', reason: 'has expired: ask for a new one (resendContactPointCode)' },
    ]);

    expect((await resend(ROSA, 'EMAIL', 'late@example.org')).errors).toBeUndefined();
    const fresh = lastCodeTo('late@example.org');
    const wrongCode = fresh === '999999' ? '999998' : '999999';
    const reasons: unknown[] = [];
    for (let i = 0; i < 5; i += 1) {
      const wrong = await verify(ROSA, 'EMAIL', 'late@example.org', wrongCode);
      reasons.push([
        errorCodes(wrong)[0],
        (wrong.errors![0].extensions!.fields as { reason: string }[])[0].reason,
      ]);
    }
    expect(reasons).toEqual([
      ['VERIFICATION_CODE_WRONG', 'is wrong: 4 attempts left'],
      ['VERIFICATION_CODE_WRONG', 'is wrong: 3 attempts left'],
      ['VERIFICATION_CODE_WRONG', 'is wrong: 2 attempts left'],
      ['VERIFICATION_CODE_WRONG', 'is wrong: 1 attempt left'],
      [
        'VERIFICATION_CODE_USED_UP',
        'is wrong, and that was the last attempt: ask for a new one (resendContactPointCode)',
      ],
    ]);
    // Now even the right code is refused, and the profile says the code is void.
    expect(errorCodes(await verify(ROSA, 'EMAIL', 'late@example.org', fresh))).toEqual([
      'VERIFICATION_CODE_USED_UP',
    ]);
    const pending = (await me(ROSA)).unverifiedContactPoints.find(
      (p) => p.value === 'late@example.org',
    );
    expect(pending).toEqual({ kind: 'EMAIL', value: 'late@example.org', codeExpiresAt: null });
    // Only keyed hashes are stored: the code sent is nowhere in the table.
    await resend(ROSA, 'EMAIL', 'late@example.org');
    const current = lastCodeTo('late@example.org');
    const rows: unknown[] = await sql.query(
      'SELECT * FROM contact_point_claim WHERE citizen_id = $1',
      [rosa],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(current);
  });

  it('sends at most five codes an hour to one contact point, and ten for one resident', async () => {
    await linkedResident('Sam', SAM.sub!);
    expect((await addContact(SAM, 'EMAIL', 'busy@example.org')).errors).toBeUndefined();
    for (let i = 0; i < 4; i += 1) {
      expect((await resend(SAM, 'EMAIL', 'busy@example.org')).errors).toBeUndefined();
    }
    const sent = mailsTo('busy@example.org').length;
    const sixth = await resend(SAM, 'EMAIL', 'busy@example.org');
    expect(errorCodes(sixth)).toEqual(['TOO_MANY_CODES']);
    expect(sixth.errors![0].extensions!.fields).toEqual([
      { field: 'value', reason: 'has been sent 5 codes in the last hour: try again later' },
    ]);
    expect(mailsTo('busy@example.org')).toHaveLength(sent);
    // Through updateMyProfile the field is the one in the input.
    const viaProfile = await addContact(SAM, 'EMAIL', 'busy@example.org');
    expect(viaProfile.errors![0].extensions!.fields).toEqual([
      {
        field: 'addContactPoints[0].value',
        reason: 'has been sent 5 codes in the last hour: try again later',
      },
    ]);

    // Ten for one resident, whatever the addresses.
    await linkedResident('Teo', TEO.sub!);
    const ten = Array.from({ length: 10 }, (_, i) => ({
      kind: 'EMAIL',
      value: `teo${i}@example.org`,
    }));
    const many = await svc.query(
      'mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }',
      { i: { addContactPoints: ten } },
      TEO,
    );
    expect(many.errors).toBeUndefined();
    const eleventh = await addContact(TEO, 'EMAIL', 'teo10@example.org');
    expect(errorCodes(eleventh)).toEqual(['TOO_MANY_CODES']);
    expect(eleventh.errors![0].extensions!.fields).toEqual([
      {
        field: 'addContactPoints[0].value',
        reason:
          'cannot be sent a code: 10 codes were sent for this resident in the last hour, try again later',
      },
    ]);
    expect(mailsTo('teo10@example.org')).toEqual([]);
  });

  it('prunes what expired more than a day ago whenever a code is sent, and keeps what is younger', async () => {
    const uma = await linkedResident('Uma', UMA.sub!);
    expect((await addContact(UMA, 'EMAIL', 'stale@example.org')).errors).toBeUndefined();
    await sql.query(
      `UPDATE contact_point_claim SET code_expires_at = now() - interval '25 hours' WHERE citizen_id = $1`,
      [uma],
    );
    expect((await addContact(UMA, 'EMAIL', 'recent@example.org')).errors).toBeUndefined();
    await sql.query(
      `UPDATE contact_point_claim SET code_expires_at = now() - interval '1 hour'
         WHERE citizen_id = $1 AND code_expires_at > now()`,
      [uma],
    );
    // A sign-in code another member of staff let lapse long ago, and one that lapsed an hour ago.
    await sql.query(
      `INSERT INTO login_link_code (id, citizen_id, requested_by, code_hash, expires_at)
       VALUES (gen_random_uuid(), $1, 'agent-long-gone', 'x', now() - interval '25 hours'),
              (gen_random_uuid(), $1, 'agent-an-hour-ago', 'x', now() - interval '1 hour')`,
      [mallory],
    );
    await sql.query(
      `INSERT INTO verification_code_send (id, citizen_id, purpose, lookup_hash, sent_at)
       VALUES (gen_random_uuid(), $1, 'LOGIN_LINK', NULL, now() - interval '25 hours')`,
      [mallory],
    );

    // Any code sent, for anyone, prunes.
    expect((await addContact(UMA, 'EMAIL', 'fresh@example.org')).errors).toBeUndefined();
    expect((await me(UMA)).unverifiedContactPoints.map((p) => p.value).sort()).toEqual([
      'fresh@example.org',
      'recent@example.org',
    ]);
    const codes: { requested_by: string }[] = await sql.query(
      'SELECT requested_by FROM login_link_code WHERE citizen_id = $1',
      [mallory],
    );
    expect(codes.map((c) => c.requested_by)).not.toContain('agent-long-gone');
    expect(codes.map((c) => c.requested_by)).toContain('agent-an-hour-ago');
    const [{ n }]: { n: string }[] = await sql.query(
      `SELECT count(*) AS n FROM verification_code_send WHERE sent_at < now() - interval '1 day'`,
    );
    expect(Number(n)).toBe(0);
  });
});
