import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '@civitas/persistence';
import { createTestDatabase, testDatabaseServerUrl, type TestDatabase } from '@civitas/testing';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { CASES } from '../database/definition.js';
import { AddTimelineCaseStatus1765300000600 } from '../database/migrations/1765300000600-AddTimelineCaseStatus.js';

/**
 * Timelines written before entries recorded the case's status get, from the migration, the
 * status each entry's own timeline tells (docs/adr/0035): what Open311 then serves as the status
 * after each update.
 */
describe('cases: the status once each timeline entry was made, for existing timelines', () => {
  let database: TestDatabase;
  let client: pg.Client;
  const migration = new AddTimelineCaseStatus1765300000600();
  const runner = () => ({ query: (sql: string) => client.query(sql) }) as unknown as QueryRunner;

  beforeAll(async () => {
    database = await createTestDatabase('cases', CASES.migrations, (name) =>
      createDataSource({
        serverUrl: testDatabaseServerUrl(),
        database: name,
        entities: CASES.entities,
        migrations: CASES.migrations,
      }),
    );
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  async function caseWith(
    status: string,
    department: string | null,
    entries: [kind: string, summary: string][],
  ): Promise<string[]> {
    const caseId = randomUUID();
    await client.query(
      `INSERT INTO service_case (id, ticket_number, submission_id, service_code, channel, status,
         department_code, opened_at, updated_at)
       VALUES ($1, $2, $3, 'pothole', 'WEB', $4, $5, now(), now())`,
      [caseId, `SR-2026-${caseId.slice(0, 7)}`, randomUUID(), status, department],
    );
    const ids: string[] = [];
    for (const [i, [kind, summary]] of entries.entries()) {
      const id = randomUUID();
      ids.push(id);
      await client.query(
        `INSERT INTO timeline_entry (id, case_id, at, kind, visibility, summary)
         VALUES ($1, $2, now() - make_interval(mins => $3), $4, 'PUBLIC', $5)`,
        [id, caseId, entries.length - i, kind, summary],
      );
    }
    return ids;
  }

  const statusesOf = async (ids: string[]) =>
    (
      await client.query<{ id: string; case_status: string }>(
        'SELECT id, case_status FROM timeline_entry WHERE id = ANY($1)',
        [ids],
      )
    ).rows
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      .map((r) => r.case_status);

  it('backfills what each timeline tells, and the column goes away again on the way down', async () => {
    await migration.down(runner());
    const worked = await caseWith('OPEN', 'streets', [
      ['OPENED', 'Received via WEB'],
      ['ROUTED', 'Assigned to streets with priority P3'],
      ['STATUS_CHANGED', 'Closed: filled'],
      ['NOTE', 'Thank you'],
      ['STATUS_CHANGED', 'Reopened: not fixed. It is back'],
      ['STATUS_CHANGED', 'Status changed to in progress: crew sent'],
      ['STATUS_CHANGED', 'Status changed to on hold'],
      ['NOTE', 'Waiting for asphalt'],
    ]);
    const imported = await caseWith('CLOSED', 'streets', [
      ['OPENED', 'Received via LEGACY_IMPORT'],
      ['STATUS_CHANGED', 'Closed in Motorola CSR (imported history)'],
      ['ROUTED', 'Assigned to streets with priority P3'],
    ]);
    const unrouted = await caseWith('NEW', null, [
      ['OPENED', 'Received via OPEN311'],
      ['NOTE', 'Still there'],
    ]);

    await migration.up(runner());

    expect(await statusesOf(worked)).toEqual([
      'NEW',
      'OPEN',
      'CLOSED',
      'CLOSED',
      'OPEN',
      'IN_PROGRESS',
      'ON_HOLD',
      'ON_HOLD',
    ]);
    expect(await statusesOf(imported)).toEqual(['NEW', 'CLOSED', 'CLOSED']);
    expect(await statusesOf(unrouted)).toEqual(['NEW', 'NEW']);
    const nullable = await client.query(
      "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'timeline_entry' AND column_name = 'case_status'",
    );
    expect(nullable.rows).toEqual([{ is_nullable: 'NO' }]);

    await migration.down(runner());
    const after = await client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'timeline_entry' AND column_name = 'case_status'",
    );
    expect(after.rowCount).toBe(0);
    await migration.up(runner());
  });
});
