import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Consumer } from '@nats-io/jetstream';
import {
  CitizensMerged,
  CitizensUnmerged,
  ResolveIdentity,
  Role,
  type CitizensMergedV1,
  type Envelope,
  type Identity,
} from '@civitas/contracts';
import { parseKeyring, PII_CIPHER, PiiCipher, rotateSealedTables } from '@civitas/crypto';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aResolveIdentityRequest,
  errorCodes,
  nextMatching,
  plaintextFound,
  type ResolveIdentityInput,
  type ServiceHarness,
  startServiceHarness,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  waitFor,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from './app.module.js';
import { CitizenRepository, contactLookupHashes, normaliseContact } from './citizens/index.js';
import type { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS_SEALED_TABLES } from './privacy/index.js';

const AGENT = aStaffMember(Role.Agent, 'agent-7');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'super-1');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');

const PROFILE = `id kind firstName lastName organisationName email phone preferredLanguage mergedIntoId
  contactPoints { kind value } identityLinks { sourceSystem sourceId }`;

describe('one resident across channels (citizens, Postgres + NATS)', () => {
  let svc: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let merged: Consumer;
  let unmerged: Consumer;

  beforeAll(async () => {
    svc = await startServiceHarness(CITIZENS_APP);
    sql = await svc.database.dataSource();
    merged = await svc.probe(CitizensMerged);
    unmerged = await svc.probe(CitizensUnmerged);
  });

  afterAll(() => svc?.dispose());

  const resolve = (input: ResolveIdentityInput) =>
    svc.ask(ResolveIdentity, aResolveIdentityRequest(input));

  async function profile(id: string, who: Partial<Identity> = AGENT) {
    const res = await svc.query<{
      citizen: Record<string, unknown> & { contactPoints: { kind: string; value: string }[] };
    }>(`query($id: ID!) { citizen(id: $id, purpose: "test") { ${PROFILE} } }`, { id }, who);
    expect(res.errors).toBeUndefined();
    return res.data!.citizen;
  }

  async function search(query: string, who: Partial<Identity> = AGENT) {
    return svc.query<{
      searchCitizens: { id: string; firstName: string | null; lastName: string | null }[];
    }>(
      'query($q: String!) { searchCitizens(query: $q, purpose: "caller on the line") { id firstName lastName } }',
      { q: query },
      who,
    );
  }

  describe('matching', () => {
    let jane: string;

    it('recognises the same person on every channel, however they wrote their details', async () => {
      const web = await resolve({
        contact: {
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'Jane.Doe@Example.org',
          postalAddress: '12 N. Main Street, Apt 4',
          preferredLanguage: 'es',
        },
      });
      expect(web.match).toBe('NEW');
      jane = web.citizenId!;
      // A phone call: a new number, the name in capitals, the address abbreviated.
      const call = await resolve({
        contact: {
          firstName: 'JANE',
          lastName: 'doe',
          phone: '(212) 555-0187',
          postalAddress: '12 north main st',
        },
      });
      expect(call).toEqual({ citizenId: jane, match: 'NAME_ADDRESS' });
      // An e-mail, then a walk-in who gave only the phone number.
      expect(await resolve({ contact: { email: 'jane.doe@EXAMPLE.ORG' } })).toEqual({
        citizenId: jane,
        match: 'EMAIL',
      });
      expect(await resolve({ contact: { phone: '+1 212.555.0187' } })).toEqual({
        citizenId: jane,
        match: 'PHONE',
      });
      // A legacy import with its own id: matched on e-mail, then found by the link alone.
      const legacy = { sourceSystem: 'legacy-crm', sourceId: 'C-000123' };
      expect(await resolve({ link: legacy, contact: { email: 'jane.doe@example.org' } })).toEqual({
        citizenId: jane,
        match: 'EMAIL',
      });
      expect(await resolve({ link: legacy })).toEqual({ citizenId: jane, match: 'LINK' });

      const seen = await profile(jane);
      expect(seen).toMatchObject({
        kind: 'PERSON',
        firstName: 'Jane',
        lastName: 'Doe',
        preferredLanguage: 'es',
        mergedIntoId: null,
      });
      expect(seen.contactPoints).toEqual([
        { kind: 'EMAIL', value: 'jane.doe@example.org' },
        { kind: 'POSTAL', value: '12 N. Main Street, Apt 4' },
        { kind: 'PHONE', value: '+12125550187' },
      ]);
      expect(seen.identityLinks).toEqual([legacy]);
    });

    it('creates an imported resident with their link and contact details at once', async () => {
      const legacy = { sourceSystem: 'legacy-311', sourceId: 'R-77' };
      const created = await resolve({
        link: legacy,
        contact: { firstName: 'Ines', lastName: 'Vaz', phone: '(718) 555-0166' },
      });
      expect(created.match).toBe('NEW');
      expect(await resolve({ link: legacy })).toEqual({
        citizenId: created.citizenId,
        match: 'LINK',
      });
      expect(await resolve({ contact: { phone: '+17185550166' } })).toEqual({
        citizenId: created.citizenId,
        match: 'PHONE',
      });
      const seen = await profile(created.citizenId!);
      expect(seen.contactPoints).toEqual([{ kind: 'PHONE', value: '+17185550166' }]);
      expect(seen.identityLinks).toEqual([legacy]);
    });

    it('keeps a report without details anonymous', async () => {
      expect(await resolve({ contact: {} })).toEqual({ citizenId: null, match: 'ANONYMOUS' });
    });

    it('keeps a report sent signed in without details anonymous while the sign-in is linked to nobody, and creates nobody', async () => {
      const [before] = await svc.database.rows('SELECT count(*)::int AS n FROM citizen');
      expect(await resolve({ residentSub: 'login|nobody-yet' })).toEqual({
        citizenId: null,
        match: 'ANONYMOUS',
      });
      const [after] = await svc.database.rows('SELECT count(*)::int AS n FROM citizen');
      expect(after.n).toBe(before.n);
    });

    it('keeps someone else of the household apart', async () => {
      const other = await resolve({
        contact: { firstName: 'Michael', lastName: 'Doe', postalAddress: '12 N Main St' },
      });
      expect(other.match).toBe('NEW');
      expect(other.citizenId).not.toBe(jane);
      expect(other.possibleMatchOf).toBeUndefined();
    });

    it('asks staff about a doubtful match, and merges when they accept', async () => {
      const doubtful = await resolve({
        contact: { firstName: 'J.', lastName: 'Doe', postalAddress: '12 North Main Street' },
      });
      expect(doubtful).toMatchObject({ match: 'NEW', possibleMatchOf: jane });
      const list = await svc.query<{
        possibleMatches: {
          id: string;
          score: number;
          citizen: { id: string };
          candidate: { id: string; firstName: string };
        }[];
      }>('{ possibleMatches { id score citizen { id } candidate { id firstName } } }', {}, AGENT);
      const pending = list.data!.possibleMatches.find((m) => m.citizen.id === doubtful.citizenId)!;
      expect(pending.candidate).toEqual({ id: jane, firstName: 'Jane' });
      expect(pending.score).toBeGreaterThanOrEqual(0.6);

      const asAgent = await svc.query(
        'mutation($id: ID!) { resolvePossibleMatch(id: $id, accept: true) { status } }',
        { id: pending.id },
        AGENT,
      );
      expect(errorCodes(asAgent)).toEqual(['FORBIDDEN']);
      const accepted = await svc.query<{
        resolvePossibleMatch: { status: string; mergeId: string };
      }>(
        'mutation($id: ID!) { resolvePossibleMatch(id: $id, accept: true, reason: "same person, initial only") { status mergeId } }',
        { id: pending.id },
        SUPERVISOR,
      );
      expect(accepted.data?.resolvePossibleMatch.status).toBe('ACCEPTED');
      expect((await profile(doubtful.citizenId!)).mergedIntoId).toBe(jane);
      const event = await nextMatching<Envelope<CitizensMergedV1>>(
        merged,
        (e) => e.payload.mergedId === doubtful.citizenId,
      );
      expect(event.payload).toMatchObject({
        survivorId: jane,
        mergeId: accepted.data!.resolvePossibleMatch.mergeId,
      });
    });

    it('finds the resident at the same house among many namesakes on the street', async () => {
      // More residents with one surname on one street than the candidates fetched per street.
      const given = ['Ab', 'Ce', 'Di', 'Fo', 'Gu', 'Ha', 'Jo', 'Ki'];
      const names = given.flatMap((a) => given.map((b) => `${a}${b.toLowerCase()}ra`)).slice(0, 56);
      const ids: string[] = [];
      for (const [i, firstName] of names.entries()) {
        const created = await resolve({
          contact: { firstName, lastName: 'Namesake', postalAddress: `${i + 1} Long Street` },
        });
        expect(created.match).toBe('NEW');
        ids.push(created.citizenId!);
      }
      expect(
        await resolve({
          contact: { firstName: names[55], lastName: 'NAMESAKE', postalAddress: '56 Long St' },
        }),
      ).toEqual({ citizenId: ids[55], match: 'NAME_ADDRESS' });
    });

    it('knows organisations by their name', async () => {
      const acme = await resolve({
        contact: {
          organisationName: 'Acme Plumbing',
          email: 'office@acme.example',
          postalAddress: '400 Industrial Pkwy',
        },
      });
      const again = await resolve({
        contact: { organisationName: 'ACME plumbing', postalAddress: '400 Industrial Parkway' },
      });
      expect(again).toEqual({ citizenId: acme.citizenId, match: 'NAME_ADDRESS' });
      expect(await profile(acme.citizenId!)).toMatchObject({
        kind: 'ORGANIZATION',
        organisationName: 'Acme Plumbing',
        firstName: null,
      });
    });

    it('dates a contact point from when it was added, even when it waited for another resolution of the same e-mail', async () => {
      const email = 'rosa.parks@waiting.example';
      const rosa = await resolve({ contact: { firstName: 'Rosa', lastName: 'Parks', email } });
      // Another resolution of her e-mail holds its lock while her phone call is resolved.
      const { emailHash } = contactLookupHashes(
        svc.app.get<PiiCipher>(PII_CIPHER),
        normaliseContact({ email }, 'US'),
      );
      let release!: () => void;
      const holding = svc.app
        .get(CitizenRepository)
        .inLockedTransaction([emailHash!], () => new Promise<void>((done) => (release = done)));
      const waitingForLock = async () =>
        (
          await sql.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
             WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`,
          )
        )[0].n > 0;
      // `release` is set once the lock is taken, as the transaction's work begins.
      await waitFor(() => Promise.resolve(release !== undefined), {
        what: 'the first lock to be held',
      });
      const call = resolve({ contact: { firstName: 'ROSA', email, phone: '(334) 555-0142' } });
      await waitFor(waitingForLock, { what: 'the phone call to wait for the lock' });
      const [{ releasedAt }] = await sql.query<{ releasedAt: Date }[]>(
        'SELECT clock_timestamp() AS "releasedAt"',
      );
      release();
      await holding;
      expect(await call).toEqual({ citizenId: rosa.citizenId, match: 'EMAIL' });

      const res = await svc.query<{
        citizen: { contactPoints: { kind: string; addedAt: string }[] };
      }>(
        'query($id: ID!) { citizen(id: $id, purpose: "test") { contactPoints { kind addedAt } } }',
        { id: rosa.citizenId },
        AGENT,
      );
      expect(res.errors).toBeUndefined();
      const points = res.data!.citizen.contactPoints;
      expect(points.map((p) => p.kind)).toEqual(['EMAIL', 'PHONE']);
      // Dated when it was added, after the wait: not when its transaction began.
      expect(new Date(points[1].addedAt).getTime()).toBeGreaterThanOrEqual(releasedAt.getTime());
    });
  });

  describe('merge and unmerge', () => {
    it('moves contact points to the survivor, tells every service, and undoes it all', async () => {
      const a = (
        await resolve({
          contact: { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@example.org' },
        })
      ).citizenId!;
      const b = (
        await resolve({ contact: { firstName: 'Annie', lastName: 'Lee', phone: '(303) 555-0142' } })
      ).citizenId!;
      const merge =
        'mutation($s: ID!, $m: ID!) { mergeCitizens(survivorId: $s, mergedId: $m, reason: "same caller") { id survivorId mergedId mergedBy } }';

      expect(errorCodes(await svc.query(merge, { s: a, m: b }, AGENT))).toEqual(['FORBIDDEN']);
      const bad = await svc.query(merge, { s: a, m: a }, SUPERVISOR);
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'mergedId', reason: 'must differ from survivorId' }],
      });

      const done = await svc.query<{ mergeCitizens: { id: string; mergedBy: string } }>(
        merge,
        { s: a, m: b },
        SUPERVISOR,
      );
      expect(done.errors).toBeUndefined();
      const mergeId = done.data!.mergeCitizens.id;
      expect(done.data!.mergeCitizens.mergedBy).toBe('super-1');
      expect(await resolve({ contact: { phone: '303-555-0142' } })).toEqual({
        citizenId: a,
        match: 'PHONE',
      });
      expect((await profile(a)).contactPoints.map((p) => p.kind).sort()).toEqual([
        'EMAIL',
        'PHONE',
      ]);
      expect(
        (
          await nextMatching<Envelope<CitizensMergedV1>>(
            merged,
            (e) => e.payload.mergeId === mergeId,
          )
        ).payload,
      ).toMatchObject({ survivorId: a, mergedId: b, reason: 'same caller' });
      const twice = await svc.query(merge, { s: a, m: b }, SUPERVISOR);
      expect(errorCodes(twice)).toEqual(['CITIZEN_ALREADY_MERGED']);

      const undo = await svc.query<{ unmergeCitizens: { unmergedAt: string } }>(
        'mutation($id: ID!) { unmergeCitizens(mergeId: $id) { unmergedAt } }',
        { id: mergeId },
        ADMIN,
      );
      expect(undo.errors).toBeUndefined();
      expect(await resolve({ contact: { phone: '303-555-0142' } })).toEqual({
        citizenId: b,
        match: 'PHONE',
      });
      expect((await profile(a)).contactPoints.map((p) => p.kind)).toEqual(['EMAIL']);
      expect((await profile(b)).mergedIntoId).toBeNull();
      await nextMatching<Envelope<{ mergeId: string }>>(
        unmerged,
        (e) => e.payload.mergeId === mergeId,
      );
    });
  });

  describe('search', () => {
    let grace: string;

    beforeAll(async () => {
      grace = (
        await resolve({
          contact: {
            firstName: 'Grace',
            lastName: 'Hopper',
            email: 'grace.hopper@example.org',
            phone: '(202) 555-0175',
            postalAddress: '77 Massachusetts Avenue',
          },
        })
      ).citizenId!;
    });

    it('finds a resident by a misspelt name, e-mail, phone or address', async () => {
      for (const query of [
        'Grace Hopper',
        'grace hoper',
        'Grcae Hopper',
        'hopper',
        'GRACE.HOPPER@example.org',
        '202 555 0175',
        '77 Massachusetts Ave',
      ]) {
        const res = await search(query);
        expect(res.errors).toBeUndefined();
        expect({ query, ids: res.data!.searchCitizens.map((c) => c.id) }).toEqual({
          query,
          ids: expect.arrayContaining([grace]),
        });
      }
      const res = await search('Grace Hoper');
      expect(res.data!.searchCitizens[0]).toEqual({
        id: grace,
        firstName: 'Grace',
        lastName: 'Hopper',
      });
    });

    it('finds a misspelt surname among more namesakes than one read holds, the closest first', async () => {
      // 600 residents called Octavia whose surnames share a trigram or two with the query, then
      // the one being looked for: an unordered cut at 500 candidates used to leave her out.
      const letters = (n: number) =>
        String.fromCharCode(97 + (n % 26)) + String.fromCharCode(97 + Math.floor(n / 26));
      for (let start = 0; start < 600; start += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, k) =>
            resolve({
              contact: {
                firstName: 'Octavia',
                lastName: `Bran${letters(start + k)}`,
                email: `octavia.${start + k}@namesakes.example`,
              },
            }),
          ),
        );
      }
      const target = (
        await resolve({
          contact: {
            firstName: 'Octavia',
            lastName: 'Brandtwick',
            email: 'octavia.brandtwick@example.org',
          },
        })
      ).citizenId!;
      const res = await search('Octavia Zbrandtwick');
      expect(res.errors).toBeUndefined();
      expect(res.data!.searchCitizens[0]).toEqual({
        id: target,
        firstName: 'Octavia',
        lastName: 'Brandtwick',
      });
    });

    it('says which argument is wrong', async () => {
      const res = await search('x');
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'query' }],
      });
    });

    it('writes an audit entry for each resident whose data an agent read, with the purpose', async () => {
      const before = await sql.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM pii_access_audit WHERE citizen_id = $1',
        [grace],
      );
      await search('Grace Hopper');
      const rows = await sql.query<
        { actor_sub: string; fields: string[]; purpose: string; outcome: string }[]
      >(
        'SELECT actor_sub, fields, purpose, outcome FROM pii_access_audit WHERE citizen_id = $1 ORDER BY at',
        [grace],
      );
      expect(rows).toHaveLength(before[0].n + 1);
      expect(rows.at(-1)).toEqual({
        actor_sub: 'agent-7',
        fields: ['firstName', 'lastName'],
        purpose: 'caller on the line',
        outcome: 'GRANTED',
      });
    });

    it('refuses an analyst searching or reading personal data', async () => {
      expect(errorCodes(await search('Grace Hopper', ANALYST))).toEqual(['FORBIDDEN']);
      const res = await svc.query<{ _entities: { id: string; contactPoints: unknown }[] }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id contactPoints { value } } } }',
        { r: [{ __typename: 'Citizen', id: grace }] },
        ANALYST,
      );
      expect(res.data?._entities[0]).toEqual({ id: grace, contactPoints: null });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    });

    it('lets only admins read the audit log', async () => {
      const q = 'query($id: ID!) { auditLog(citizenId: $id) { actorSub fields purpose outcome } }';
      expect(errorCodes(await svc.query(q, { id: grace }, AGENT))).toEqual(['FORBIDDEN']);
      const res = await svc.query<{ auditLog: { actorSub: string; outcome: string }[] }>(
        q,
        { id: grace },
        ADMIN,
      );
      expect(res.data!.auditLog[0]).toMatchObject({ actorSub: 'analyst-1', outcome: 'DENIED' });
      expect(
        res.data!.auditLog.some((e) => e.actorSub === 'agent-7' && e.outcome === 'GRANTED'),
      ).toBe(true);
    });
  });

  describe('at rest', () => {
    it('holds no personal data in plaintext in any text column of any table', async () => {
      // Values long and odd enough that ciphertext and hashes cannot hold them by chance (see
      // plaintextFound); the residents above ("Jane", "Acme") have names too short to look for.
      await resolve({
        link: { sourceSystem: 'legacy-crm', sourceId: 'CRM-QXV-7781042' },
        contact: {
          firstName: 'Wilhelmina',
          lastName: 'Quartermaine',
          email: 'wilhelmina.quartermaine@example.org',
          phone: '(212) 555-0163',
          postalAddress: '4471 Fennimore Crescent',
        },
      });
      await resolve({
        contact: {
          organisationName: 'Thistlewaite Ironmongers',
          email: 'orders@thistlewaite.example',
          postalAddress: '9 Ravenglass Wharf',
        },
      });
      const columns = await sql.query<{ table_name: string; column_name: string }[]>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
      );
      let dump = '';
      for (const { table_name, column_name } of columns) {
        const rows = await sql.query<{ v: string | null }[]>(
          `SELECT "${column_name}"::text AS v FROM "${table_name}"`,
        );
        dump += rows.map((r) => r.v ?? '').join('\n');
      }
      expect(dump.length).toBeGreaterThan(1000);
      expect(
        plaintextFound(dump, [
          'wilhelmina',
          'quartermaine',
          'example.org',
          '(212) 555-0163',
          '+12125550163',
          'fennimore crescent',
          'crm-qxv-7781042',
          'thistlewaite',
          'ironmongers',
          'ravenglass wharf',
          'main street',
          'massachusetts',
        ]),
      ).toEqual([]);
    });

    it('re-encrypts every sealed value with a new key, and a second run changes nothing', async () => {
      const fresh = `new2:${Buffer.alloc(32, 11).toString('base64')}`;
      const rotated = new PiiCipher(parseKeyring(`${fresh},${TEST_PII_KEYS}`, TEST_PII_HASH_KEY));
      const old = new PiiCipher(parseKeyring(TEST_PII_KEYS, TEST_PII_HASH_KEY));
      const [before] = await sql.query<{ email_enc: string }[]>(
        'SELECT email_enc FROM citizen WHERE email_enc IS NOT NULL ORDER BY created_at LIMIT 1',
      );
      const query = (text: string, params: unknown[]) => sql.query(text, params);
      const first = await rotateSealedTables(
        rotated,
        query,
        CITIZENS_SEALED_TABLES,
        () => undefined,
        7,
      );
      expect(first.find((r) => r.table === 'contact_point')!.resealed).toBeGreaterThan(5);
      const again = await rotateSealedTables(rotated, query, CITIZENS_SEALED_TABLES);
      expect(again.every((r) => r.resealed === 0)).toBe(true);
      const [{ stale }] = await sql.query<{ stale: number }[]>(
        "SELECT count(*)::int AS stale FROM contact_point WHERE value_enc NOT LIKE 'v1:new2:%'",
      );
      expect(stale).toBe(0);
      const [after] = await sql.query<{ email_enc: string }[]>(
        'SELECT email_enc FROM citizen WHERE email_enc IS NOT NULL ORDER BY created_at LIMIT 1',
      );
      expect(after.email_enc).toMatch(/^v1:new2:/);
      expect(rotated.decrypt(after.email_enc)).toBe(old.decrypt(before.email_enc));
    });
  });

  it('has migrations that match the entities', async () => {
    expect(await pendingSchemaDrift(sql)).toEqual([]);
  });

  it('writes blind tokens straight into their index, never into a pending list', async () => {
    // A pending list must be read through in full by every look-up (ADR 0020).
    const [index] = await sql.query<{ reloptions: string[] | null }[]>(
      "SELECT reloptions FROM pg_class WHERE relname = 'citizen_blind_tokens_idx'",
    );
    expect(index.reloptions).toContain('fastupdate=off');
  });
});
