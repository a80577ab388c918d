import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeIdentity } from '@civitas/auth';
import {
  HEADER_IDENTITY,
  ResolveIdentity,
  Role,
  type Identity,
  type ServiceName,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aResolveIdentityRequest,
  errorCodes,
  gatewayHeaders,
  graphql,
  plaintextFound,
  type ResolveIdentityInput,
  type ServiceHarness,
  startServiceHarness,
  waitFor,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from './app.module.js';
import type { CitizensConfig } from './config/citizens.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');

describe('citizens service (Postgres + NATS)', () => {
  let citizens: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let url: string;

  beforeAll(async () => {
    citizens = await startServiceHarness(CITIZENS_APP);
    url = citizens.url;
    sql = await citizens.database.dataSource();
  });

  afterAll(() => citizens?.dispose());

  const send = (input: ResolveIdentityInput, caller: ServiceName = 'cases') =>
    citizens.request(ResolveIdentity, aResolveIdentityRequest(input), { as: caller });

  const resolve = (input: ResolveIdentityInput) =>
    citizens.ask(ResolveIdentity, aResolveIdentityRequest(input));

  const asCaller = (identity: Identity | null) => gatewayHeaders(identity ?? undefined);

  /** Waits until `count` sessions of this database are blocked on a lock (the test holds one). */
  const untilWaitingOnLocks = (count: number, what: string) =>
    waitFor(
      async () => {
        const [{ waiting }] = await sql.query<{ waiting: number }[]>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting >= count;
      },
      { what },
    );

  async function auditRows(citizenId: string) {
    return sql.query<
      { actor_sub: string | null; actor_roles: string[]; fields: string[]; outcome: string }[]
    >(
      'SELECT actor_sub, actor_roles, fields, outcome FROM pii_access_audit WHERE citizen_id = $1 ORDER BY at, id',
      [citizenId],
    );
  }

  describe('resolve-identity over the bus', () => {
    it('matches the same e-mail written in another case', async () => {
      const first = await resolve({
        contact: { firstName: 'Jane', lastName: 'Doe', email: 'Jane.Doe@Example.org' },
      });
      const again = await resolve({ contact: { email: 'jane.doe@EXAMPLE.ORG' } });
      expect(first.match).toBe('NEW');
      expect(again).toEqual({ citizenId: first.citizenId, match: 'EMAIL' });
    });

    it('matches the same phone written in two formats', async () => {
      const first = await resolve({ contact: { firstName: 'Ravi', phone: '(212) 555-0187' } });
      const again = await resolve({ contact: { phone: '+1 212.555.0187' } });
      expect(first.match).toBe('NEW');
      expect(again).toEqual({ citizenId: first.citizenId, match: 'PHONE' });
    });

    it('creates a new citizen for a different person', async () => {
      const a = await resolve({ contact: { email: 'alice@example.org' } });
      const b = await resolve({ contact: { email: 'bob@example.org' } });
      expect(b.match).toBe('NEW');
      expect(b.citizenId).not.toBe(a.citizenId);
    });

    it('fills in contact details a matched citizen was missing', async () => {
      const byPhone = await resolve({ contact: { phone: '202-555-0111' } });
      const withEmail = await resolve({
        contact: { email: 'min@example.org', phone: '+12025550111', lastName: 'Min' },
      });
      const byEmail = await resolve({ contact: { email: 'MIN@example.org' } });
      expect(withEmail).toEqual({ citizenId: byPhone.citizenId, match: 'PHONE' });
      expect(byEmail).toEqual({ citizenId: byPhone.citizenId, match: 'EMAIL' });
    });

    it('leaves a report without contact anonymous', async () => {
      expect(await resolve({})).toEqual({ citizenId: null, match: 'ANONYMOUS' });
      expect(await resolve({ contact: {} })).toEqual({ citizenId: null, match: 'ANONYMOUS' });
    });

    it('does not match on a phone that does not parse', async () => {
      const a = await resolve({ contact: { firstName: 'X', phone: 'ext 12' } });
      const b = await resolve({ contact: { firstName: 'X', phone: 'ext 12' } });
      expect(a.match).toBe('NEW');
      expect(b.match).toBe('NEW');
      expect(b.citizenId).not.toBe(a.citizenId);
    });

    it('creates one resident when identical requests arrive at once', async () => {
      const contact = { firstName: 'Sam', email: 'same.time@example.org', phone: '(415) 555-0132' };
      // Hold back inserts until every request has looked the contact up and is waiting: without
      // serialisation each would then create its own resident.
      const blocker = sql.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE citizen IN SHARE MODE');
      const pending = Promise.all(Array.from({ length: 8 }, () => resolve({ contact })));
      try {
        await untilWaitingOnLocks(8, 'all eight resolutions to wait');
      } finally {
        await blocker.commitTransaction();
        await blocker.release();
      }
      const replies = await pending;
      const ids = new Set(replies.map((r) => r.citizenId));
      expect(ids.size).toBe(1);
      expect(replies.filter((r) => r.match === 'NEW')).toHaveLength(1);
      const [{ count }] = await sql.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM citizen WHERE first_name_enc IS NOT NULL AND id = ANY($1)`,
        [[...ids]],
      );
      expect(count).toBe(1);
    });

    it('answers for a known resident while another resolution of the same contact is writing', async () => {
      const known = await resolve({ contact: { firstName: 'Oona', email: 'oona@example.org' } });
      // A second report from her adds a phone: that resolution holds her e-mail's lock while it
      // writes, and is held up here by a table lock.
      const blocker = sql.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE contact_point IN SHARE MODE');
      const adding = resolve({ contact: { email: 'oona@example.org', phone: '(303) 555-0144' } });
      try {
        await untilWaitingOnLocks(1, 'the resolution adding a phone to wait');
        // A report with only her e-mail adds nothing: it is answered meanwhile, not queued.
        expect(await resolve({ contact: { email: 'OONA@example.org' } })).toEqual({
          citizenId: known.citizenId,
          match: 'EMAIL',
        });
      } finally {
        await blocker.commitTransaction();
        await blocker.release();
      }
      expect(await adding).toEqual({ citizenId: known.citizenId, match: 'EMAIL' });
      expect(await resolve({ contact: { phone: '+1 303 555 0144' } })).toEqual({
        citizenId: known.citizenId,
        match: 'PHONE',
      });
    });

    it('goes by the e-mail first when the e-mail and the phone are two residents', async () => {
      const byPhone = await resolve({ contact: { firstName: 'Pia', phone: '(617) 555-0171' } });
      const byEmail = await resolve({ contact: { firstName: 'Ed', email: 'ed@example.org' } });
      expect(
        await resolve({ contact: { email: 'ed@example.org', phone: '617-555-0171' } }),
      ).toEqual({ citizenId: byEmail.citizenId, match: 'EMAIL' });
      // The phone's first resident keeps being found by it (the oldest goes first).
      expect(await resolve({ contact: { phone: '6175550171' } })).toEqual({
        citizenId: byPhone.citizenId,
        match: 'PHONE',
      });
    });

    it('refuses callers other than cases', async () => {
      const reply = await send({ contact: { email: 'someone@example.org' } }, 'intake');
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('FORBIDDEN');
    });

    it('refuses a malformed request', async () => {
      const reply = await send({ contact: { email: 'not an address' } });
      expect(reply.error?.code).toBe('BAD_REQUEST');
    });

    it('stores no personal data in plaintext', async () => {
      // Values long and odd enough that ciphertext cannot hold them by chance (plaintextFound).
      const { citizenId } = await resolve({
        contact: {
          firstName: 'Plaintextia',
          lastName: 'Neverwhere',
          email: 'plaintextia.neverwhere@example.org',
          phone: '(646) 555-0199',
        },
      });
      const [row] = await sql.query<Record<string, unknown>[]>(
        'SELECT * FROM citizen WHERE id = $1',
        [citizenId],
      );
      // Blind tokens are 64-bit keyed hashes in decimal: digits by chance, never the phone.
      const { blind_tokens: tokens, ...sealed } = row;
      expect((tokens as string[]).every((t) => /^-?\d+$/.test(t))).toBe(true);
      expect(
        plaintextFound(JSON.stringify(sealed), [
          'plaintextia',
          'neverwhere',
          'example.org',
          '(646) 555-0199',
          '+16465550199',
        ]),
      ).toEqual([]);
      expect(row.email_enc).toMatch(/^v1:test1:/);
    });
  });

  describe('GraphQL', () => {
    let citizenId: string;

    beforeAll(async () => {
      const reply = await resolve({
        contact: {
          firstName: 'Grace',
          lastName: 'Hopper',
          email: 'grace@example.org',
          phone: '(212) 555-0150',
        },
      });
      citizenId = reply.citizenId as string;
    });

    const CITIZEN =
      'query($id: ID!) { citizen(id: $id) { id firstName lastName email phone createdAt } }';

    it('shows an agent the personal fields and audits the read', async () => {
      const res = await graphql<{ citizen: Record<string, string> }>(
        url,
        CITIZEN,
        { id: citizenId },
        asCaller(AGENT),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.citizen).toMatchObject({
        id: citizenId,
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@example.org',
        phone: '+12125550150',
      });
      const rows = await auditRows(citizenId);
      expect(rows).toEqual([
        {
          actor_sub: 'agent-1',
          actor_roles: ['agent'],
          fields: ['email', 'firstName', 'lastName', 'phone'],
          outcome: 'GRANTED',
        },
      ]);
    });

    it('refuses an analyst the query', async () => {
      const res = await graphql(url, CITIZEN, { id: citizenId }, asCaller(ANALYST));
      expect(errorCodes(res)).toContain('FORBIDDEN');
    });

    it('refuses an analyst the e-mail of a reachable citizen and audits the refusal', async () => {
      const before = (await auditRows(citizenId)).length;
      const res = await graphql<{ _entities: { id: string; email: string | null }[] }>(
        url,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id email } } }',
        { r: [{ __typename: 'Citizen', id: citizenId }] },
        asCaller(ANALYST),
      );
      expect(res.data?._entities[0]).toEqual({ id: citizenId, email: null });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      const rows = await auditRows(citizenId);
      expect(rows.slice(before)).toEqual([
        { actor_sub: 'analyst-1', actor_roles: ['analyst'], fields: ['email'], outcome: 'DENIED' },
      ]);
    });

    it("gives a case's reporter to staff who may read personal data, and to no one else", async () => {
      const reporterOf = (who: Identity | null) =>
        graphql<{
          _entities: { reporter: { id: string; email: string | null } | null }[];
        }>(
          url,
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { reporter { id email } } } }',
          {
            r: [
              {
                __typename: 'Case',
                id: '00000000-0000-4000-8000-000000000001',
                reporterId: citizenId,
              },
              { __typename: 'Case', id: '00000000-0000-4000-8000-000000000002', reporterId: null },
              {
                __typename: 'Case',
                id: '00000000-0000-4000-8000-000000000003',
                reporterId: '00000000-0000-4000-8000-0000000000ff',
              },
            ],
          },
          asCaller(who),
        );
      const before = (await auditRows(citizenId)).length;
      // Even the id would be a stable pseudonym grouping one resident's reports (docs/adr/0041).
      for (const who of [null, ANALYST, { ...AGENT, sub: 'r-1', roles: [Role.Resident] }]) {
        const res = await reporterOf(who);
        expect(res.errors).toBeUndefined();
        expect(res.data?._entities).toEqual([
          { reporter: null },
          { reporter: null },
          { reporter: null },
        ]);
      }
      expect(await auditRows(citizenId)).toHaveLength(before);
      const staff = await reporterOf(AGENT);
      expect(staff.errors).toBeUndefined();
      expect(staff.data?._entities).toEqual([
        { reporter: { id: citizenId, email: expect.stringContaining('@') } },
        { reporter: null },
        { reporter: null },
      ]);
      expect((await auditRows(citizenId)).at(-1)).toMatchObject({
        actor_sub: 'agent-1',
        fields: ['email'],
        outcome: 'GRANTED',
      });
    });

    it('refuses a call without the gateway secret', async () => {
      const res = await graphql(
        url,
        CITIZEN,
        { id: citizenId },
        { [HEADER_IDENTITY]: encodeIdentity(AGENT) },
      );
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('keeps the audit log append-only', async () => {
      await expect(
        sql.query(`UPDATE pii_access_audit SET outcome = 'GRANTED' WHERE citizen_id = $1`, [
          citizenId,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql.query('DELETE FROM pii_access_audit WHERE citizen_id = $1', [citizenId]),
      ).rejects.toThrow(/append-only/);
      await expect(sql.query('TRUNCATE pii_access_audit')).rejects.toThrow(/append-only/);
    });

    it('publishes valid Federation 2 SDL with Case extended by its reporter', async () => {
      const res = await graphql<{ _service: { sdl: string } }>(
        url,
        '{ _service { sdl } }',
        {},
        asCaller(null),
      );
      const sdl = res.data?._service.sdl ?? '';
      expect(sdl).toContain('specs.apollo.dev/federation/v2');
      expect(sdl).toMatch(/type Citizen\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/reporterId: ID @external/);
      expect(sdl).toMatch(/reporter: Citizen @requires\(fields: "reporterId"\)/);
    });
  });

  describe('schema', () => {
    it('has migrations that match the entities', async () => {
      expect(await pendingSchemaDrift(sql)).toEqual([]);
    });
  });
});
