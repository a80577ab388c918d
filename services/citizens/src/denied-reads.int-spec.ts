import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResolveIdentity, Role, type Identity } from '@civitas/contracts';
import {
  aResolveIdentityRequest,
  errorCodes,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CITIZENS_APP } from './app.module.js';
import type { CitizensConfig } from './config/citizens.config.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-7');
const AGENT = aStaffMember(Role.Agent, 'agent-7');
const ADMIN = aStaffMember(Role.Admin, 'admin-7');

/**
 * A resident's e-mail asked for through the resident's entity, as the gateway plans any field that
 * reaches a Citizen. (A case's `reporter` is null outside the staff who may read personal data,
 * docs/adr/0041, so the refusal to audit comes from the personal field itself.)
 */
const CITIZEN_EMAIL =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id email } } }';

interface AuditRow {
  actor_sub: string | null;
  citizen_id: string | null;
  fields: string[];
  outcome: string;
  occurrences: number;
  folded: boolean;
}

describe('refused reads of personal data in the audit log (Postgres + NATS)', () => {
  let citizens: ServiceHarness<CitizensConfig>;
  let sql: DataSource;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    citizens = await startServiceHarness({
      ...CITIZENS_APP,
      // Long enough that no window closes while a test probes.
      env: { AUDIT_DENIED_WINDOW_SECONDS: '3600' },
    });
    sql = await citizens.database.dataSource();
    alice = (
      await citizens.ask(
        ResolveIdentity,
        aResolveIdentityRequest({ contact: { email: 'alice.p@example.org' } }),
      )
    ).citizenId!;
    bob = (
      await citizens.ask(
        ResolveIdentity,
        aResolveIdentityRequest({ contact: { email: 'bob.p@example.org' } }),
      )
    ).citizenId!;
  });

  afterAll(() => citizens?.dispose());

  const probe = (citizenId: string, identity?: Identity) =>
    citizens.query(CITIZEN_EMAIL, { r: [{ __typename: 'Citizen', id: citizenId }] }, identity);

  const rows = (actorSub: string | null): Promise<AuditRow[]> =>
    sql.query(
      `SELECT actor_sub, citizen_id, fields, outcome, occurrences, last_at IS NOT NULL AS folded
         FROM pii_access_audit WHERE actor_sub IS NOT DISTINCT FROM $1 ORDER BY at, id`,
      [actorSub],
    );

  const total = (found: AuditRow[]) => found.reduce((sum, row) => sum + row.occurrences, 0);

  // 200 probes make the point (two entries count them all) at a fifth of the cost: 1,000, with the
  // restart, ran past Jest's 120 s on a loaded 2-core machine.
  it('writes 200 anonymous probes as a bounded number of entries that still count them all', async () => {
    expect(errorCodes(await probe(alice))).toEqual(['FORBIDDEN']);
    const targets = Array.from({ length: 199 }, (_, i) => (i % 2 === 0 ? bob : alice));
    for (let i = 0; i < targets.length; i += 25) {
      const answers = await Promise.all(targets.slice(i, i + 25).map((id) => probe(id)));
      for (const answer of answers) {
        expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
      }
    }
    // While the window is open only the first refusal is in the log.
    const during = await rows(null);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ citizen_id: alice, outcome: 'DENIED', occurrences: 1 });

    // Stopping the service writes what it counted: nothing is lost to a clean shutdown.
    await citizens.stop();
    await citizens.start({ env: { AUDIT_DENIED_WINDOW_SECONDS: '3600' } });
    const after = await rows(null);
    expect(after).toHaveLength(2);
    expect(total(after)).toBe(200);
    expect(after[0]).toMatchObject({ citizen_id: alice, occurrences: 1, folded: false });
    expect(after[1]).toEqual({
      actor_sub: null,
      citizen_id: null, // alice and bob both
      fields: ['email'],
      outcome: 'DENIED',
      occurrences: 199,
      folded: true,
    });
  });

  it("keeps a signed-in caller's refusals apart per resident", async () => {
    for (let i = 0; i < 5; i++) {
      expect(errorCodes(await probe(alice, ANALYST))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await probe(bob, ANALYST))).toEqual(['FORBIDDEN']);
    }
    expect((await rows(ANALYST.sub)).map((r) => r.citizen_id)).toEqual([alice, bob]);
    await citizens.stop();
    await citizens.start({ env: { AUDIT_DENIED_WINDOW_SECONDS: '3600' } });
    const after = await rows(ANALYST.sub);
    expect(after).toHaveLength(4);
    expect(after.filter((r) => r.citizen_id === alice).map((r) => r.occurrences)).toEqual([1, 4]);
    expect(after.filter((r) => r.citizen_id === bob).map((r) => r.occurrences)).toEqual([1, 4]);
  });

  it('still writes every granted read as its own entry', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await probe(alice, AGENT);
      expect(errorCodes(answer)).toEqual([]);
    }
    expect((await rows(AGENT.sub)).map((r) => [r.outcome, r.occurrences])).toEqual([
      ['GRANTED', 1],
      ['GRANTED', 1],
      ['GRANTED', 1],
    ]);
  });

  it('shows admins how many refusals an entry stands for', async () => {
    const answer = await citizens.query<{
      auditLog: {
        actorSub: string | null;
        citizenId: string | null;
        occurrences: number;
        at: string;
        lastAt: string | null;
      }[];
    }>('{ auditLog(first: 1000) { actorSub citizenId outcome occurrences at lastAt } }', {}, ADMIN);
    expect(errorCodes(answer)).toEqual([]);
    const anonymous = answer.data!.auditLog.filter((e) => e.actorSub === null);
    expect(anonymous.reduce((sum, e) => sum + e.occurrences, 0)).toBe(200); // the first test's
    const folded = anonymous.find((e) => e.occurrences > 1)!;
    expect(folded.citizenId).toBeNull();
    expect(new Date(folded.lastAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(folded.at).getTime(),
    );
  });

  it('keeps the log append-only', async () => {
    await expect(sql.query('UPDATE pii_access_audit SET occurrences = 1')).rejects.toThrow(
      /append-only/,
    );
  });
});
