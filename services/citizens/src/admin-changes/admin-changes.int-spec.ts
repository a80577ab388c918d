import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ResolveIdentity,
  Role,
  RoutingAdminChangeRecorded,
  type AdminChangeRecordedV1,
  type Identity,
} from '@civitas/contracts';
import { createEnvelope } from '@civitas/messaging';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aResolveIdentityRequest,
  errorCodes,
  startServiceHarness,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-audit-4');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-merges', 'streets');

const LOG = `query($kind: String, $actorSub: String, $since: DateTime, $first: Int) {
  adminChangeLog(kind: $kind, actorSub: $actorSub, since: $since, first: $first) {
    id at service actorSub actorRoles kind entityId action
    changes { field before after withheld }
  }
}`;
const MERGE = `mutation($s: ID!, $m: ID!, $r: String!) {
  mergeCitizens(survivorId: $s, mergedId: $m, reason: $r) { id }
}`;
const UNMERGE = 'mutation($id: ID!) { unmergeCitizens(mergeId: $id) { id } }';

interface Entry {
  id: string;
  at: string;
  service: string;
  actorSub: string | null;
  actorRoles: string[];
  kind: string;
  entityId: string;
  action: string;
  changes: { field: string; before: string | null; after: string | null; withheld: boolean }[];
}

/** The log of configuration changes across services, kept by citizens (docs/adr/0092). */
describe('citizens: the admin change log', () => {
  let citizens: ServiceHarness<CitizensConfig>;
  let sql: DataSource;

  beforeAll(async () => {
    citizens = await startServiceHarness(CITIZENS_APP);
    sql = await citizens.database.dataSource();
  });

  afterAll(() => citizens?.dispose());

  const log = async (
    variables: Record<string, unknown> = {},
    who: Identity = ADMIN,
  ): Promise<GraphqlResponse<{ adminChangeLog: Entry[] }>> =>
    citizens.query<{ adminChangeLog: Entry[] }>(LOG, variables, who);
  const entries = async (variables: Record<string, unknown> = {}) => {
    const res = await log(variables);
    expect(res.errors).toBeUndefined();
    return res.data!.adminChangeLog;
  };
  const resident = async (email: string) =>
    (await citizens.ask(ResolveIdentity, aResolveIdentityRequest({ contact: { email } })))
      .citizenId!;

  it('keeps the schema as the migrations leave it, and refuses to rewrite the log', async () => {
    expect(await pendingSchemaDrift(sql)).toEqual([]);
    await citizens.publish(RoutingAdminChangeRecorded, aServiceChange('pothole'), {
      envelope: changeBy('routing', aServiceChange('pothole'), ADMIN),
    });
    await waitFor(async () => (await entries({ kind: 'SERVICE' })).length === 1);
    await expect(
      sql.query(`UPDATE admin_change_audit SET actor_sub = 'someone-else'`),
    ).rejects.toThrow(/append-only/);
    await expect(sql.query('DELETE FROM admin_change_audit')).rejects.toThrow(/append-only/);
  });

  it("stores another service's change as it was recorded, once however often it is delivered", async () => {
    const payload = aServiceChange('graffiti');
    const envelope = changeBy('routing', payload, SUPERVISOR);
    await citizens.publish(RoutingAdminChangeRecorded, payload, { envelope });
    // A re-publish after the stream's duplicate window: the same event, a new message.
    await citizens.publish(RoutingAdminChangeRecorded, payload, {
      envelope,
      msgID: `${envelope.id}-again`,
    });
    const found = await waitFor(async () => {
      const rows = await entries({ actorSub: 'sup-merges', kind: 'SERVICE' });
      return rows.length > 0 && rows;
    });
    // Give the second delivery the time the first took before counting.
    await new Promise((r) => setTimeout(r, 500));
    expect(await entries({ actorSub: 'sup-merges', kind: 'SERVICE' })).toHaveLength(1);
    expect(found[0]).toEqual({
      id: envelope.id,
      at: payload.changedAt,
      service: 'routing',
      actorSub: 'sup-merges',
      actorRoles: ['supervisor'],
      kind: 'SERVICE',
      entityId: 'graffiti',
      action: 'UPDATED',
      changes: [
        { field: 'name', before: '"Graffiti"', after: '"Graffiti removal"', withheld: false },
      ],
    });
  });

  it('records merges and unmerges with the records’ ids only, and nothing for a refused merge', async () => {
    const alice = await resident('alice.merge@example.org');
    const alias = await resident('alice.m.other@example.org');
    const same = await citizens.query(MERGE, { s: alice, m: alice, r: 'same' }, SUPERVISOR);
    expect(errorCodes(same)).toEqual(['BAD_USER_INPUT']);
    const merged = await citizens.query<{ mergeCitizens: { id: string } }>(
      MERGE,
      { s: alice, m: alias, r: 'Alice Moreno called: both are her addresses' },
      SUPERVISOR,
    );
    expect(merged.errors).toBeUndefined();
    const mergeId = merged.data!.mergeCitizens.id;
    expect((await citizens.query(UNMERGE, { id: mergeId }, ADMIN)).errors).toBeUndefined();

    const rows = await waitFor(async () => {
      const found = await entries({ kind: 'CITIZEN_MERGE' });
      return found.length >= 2 && found;
    });
    expect(rows.map((r) => [r.action, r.actorSub, r.entityId])).toEqual([
      ['UNMERGED', 'admin-audit-4', mergeId],
      ['MERGED', 'sup-merges', mergeId],
    ]);
    expect(rows[1].changes).toEqual([
      { field: 'survivorId', before: null, after: JSON.stringify(alice), withheld: false },
      { field: 'mergedId', before: null, after: JSON.stringify(alias), withheld: false },
    ]);
    // Neither the reason (free text about a person) nor an address is kept.
    expect(JSON.stringify(rows)).not.toMatch(/Moreno|example\.org/);
  });

  it('records a possible match decided, without who the residents are', async () => {
    const known = await citizens.ask(
      ResolveIdentity,
      aResolveIdentityRequest({
        contact: {
          firstName: 'Jane',
          lastName: 'Roe',
          email: 'jane.roe@example.org',
          postalAddress: '40 Harbour Road, Apt 2',
        },
      }),
    );
    const doubtful = await citizens.ask(
      ResolveIdentity,
      aResolveIdentityRequest({
        contact: { firstName: 'J.', lastName: 'Roe', postalAddress: '40 Harbour Rd' },
      }),
    );
    expect(doubtful.possibleMatchOf).toBe(known.citizenId);
    const list = await citizens.query<{
      possibleMatches: { id: string; citizen: { id: string } }[];
    }>('{ possibleMatches { id citizen { id } } }', {}, SUPERVISOR);
    const pending = list.data!.possibleMatches.find((m) => m.citizen.id === doubtful.citizenId)!;
    const rejected = await citizens.query(
      'mutation($id: ID!) { resolvePossibleMatch(id: $id, accept: false, reason: "Two people") { status } }',
      { id: pending.id },
      SUPERVISOR,
    );
    expect(rejected.errors).toBeUndefined();
    // Decided already: refused, and not recorded again.
    const again = await citizens.query(
      'mutation($id: ID!) { resolvePossibleMatch(id: $id, accept: true) { status } }',
      { id: pending.id },
      SUPERVISOR,
    );
    expect(errorCodes(again)).toHaveLength(1);
    const rows = await waitFor(async () => {
      const found = await entries({ kind: 'POSSIBLE_MATCH' });
      return found.length > 0 && found;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await entries({ kind: 'POSSIBLE_MATCH' })).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entityId: pending.id,
      action: 'RESOLVED',
      actorSub: 'sup-merges',
      changes: [{ field: 'status', before: '"PENDING"', after: '"REJECTED"', withheld: false }],
    });
    expect(JSON.stringify(rows)).not.toMatch(/Roe|Harbour|Two people/);
  });

  it('answers admins only, and names a filter that is wrong', async () => {
    for (const who of [
      SUPERVISOR,
      aStaffMember(Role.Analyst, 'analyst-1'),
      aStaffMember(Role.Agent, 'agent-1'),
    ]) {
      const refused = await log({}, who);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.data?.adminChangeLog ?? null).toBeNull();
    }
    const anonymous = await citizens.query(LOG, {});
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    const badKind = await log({ kind: 'EVERYTHING' });
    expect(errorCodes(badKind)).toEqual(['BAD_USER_INPUT']);
    expect(badKind.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'kind' }),
    ]);
    expect(errorCodes(await log({ first: 1001 }))).toEqual(['BAD_USER_INPUT']);

    // Newest first, paged by size, filtered by when.
    const all = await entries();
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await entries({ first: 2 })).toEqual(all.slice(0, 2));
    expect((await entries({ since: all[0].at })).map((e) => e.id)).toContain(all[0].id);
    expect(await entries({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });
});

function aServiceChange(code: string): AdminChangeRecordedV1 {
  return {
    kind: 'SERVICE',
    entityId: code,
    action: 'UPDATED',
    changes:
      code === 'graffiti'
        ? [{ field: 'name', before: '"Graffiti"', after: '"Graffiti removal"' }]
        : [{ field: 'targetHours', before: '72', after: '48' }],
    changedAt: new Date(Date.now() - 1000).toISOString(),
  };
}

function changeBy(
  service: 'routing',
  payload: AdminChangeRecordedV1,
  who: Identity,
): ReturnType<typeof createEnvelope<AdminChangeRecordedV1>> {
  return createEnvelope(service, RoutingAdminChangeRecorded.subject, payload, who);
}
