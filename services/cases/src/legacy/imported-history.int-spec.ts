import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseStatus,
  HistoryAccepted,
  HistoryOpened,
  HistoryRouted,
  type CaseOpenedV1,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import {
  aCaseRouted,
  aSubmissionAccepted,
  nextMatching,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

/** An Ottawa record of 2014 in the live shape, `status` in the old system. */
function record(status: CaseStatus) {
  const sourceId = randomUUID().slice(0, 12);
  return aSubmissionAccepted()
    .withTicketNumber(`SR-2014-${sourceId}`)
    .describedAs('Pothole, curb lane')
    .at({ latitude: 45.42, longitude: -75.69 })
    .receivedAt('2014-04-01T09:00:00.000Z')
    .imported({
      sourceSystem: 'ottawa311',
      sourceId,
      status,
      closedAt: status === CaseStatus.CLOSED ? '2014-04-03T15:30:00.000Z' : undefined,
      agency: 'Roads',
      category: 'Pothole',
    });
}

/** Routing's answer for an imported record, as routing sends it in `history-routed`. */
const routedFor = (b: SubmissionAcceptedV1, caseId: string) =>
  aCaseRouted()
    .forCase({ caseId, ticketNumber: b.ticketNumber })
    .toDepartment('streets', 'streets.general')
    .due('2014-04-04T09:00:00.000Z')
    .routedAt('2014-04-01T09:00:00.000Z')
    .imported(b.legacy!);

describe('cases: imported history, a batch at a time (docs/adr/0022)', () => {
  let cases: ServiceHarness<CasesConfig>;

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
  });

  afterAll(() => cases?.dispose());

  const rows = (sql: string, params: unknown[] = []) => cases.database.rows(sql, params);

  const caseOf = (ticket: string) =>
    waitFor(
      async () =>
        (
          await rows(
            `SELECT c.*, o.source_id, o.agency, o.category FROM service_case c
             JOIN case_legacy_origin o ON o.case_id = c.id WHERE c.ticket_number = $1`,
            [ticket],
          )
        )[0],
      { what: `case ${ticket}` },
    );

  it('opens each record as a case with its legacy status, times and origin, and announces them in one history-opened', async () => {
    const opened = await cases.probe(HistoryOpened);
    const batch = [
      record(CaseStatus.CLOSED).build(),
      record(CaseStatus.OPEN).without('location').build(),
    ];
    await cases.publish(HistoryAccepted, { submissions: batch });

    const closed = await caseOf(batch[0].ticketNumber);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      channel: 'LEGACY_IMPORT',
      reporter_id: null,
      source_id: batch[0].legacy!.sourceId,
      agency: 'Roads',
      category: 'Pothole',
    });
    expect((closed.opened_at as Date).toISOString()).toBe('2014-04-01T09:00:00.000Z');
    expect((closed.closed_at as Date).toISOString()).toBe('2014-04-03T15:30:00.000Z');
    const timeline = await rows(
      'SELECT kind, summary FROM timeline_entry WHERE case_id = $1 ORDER BY at',
      [closed.id],
    );
    expect(timeline).toEqual([
      { kind: 'OPENED', summary: 'Received via LEGACY_IMPORT' },
      { kind: 'STATUS_CHANGED', summary: 'Closed in ottawa311 (imported history)' },
    ]);
    const stillOpen = await caseOf(batch[1].ticketNumber);
    expect(stillOpen).toMatchObject({ status: 'OPEN', closed_at: null, latitude: null });

    const event = await nextMatching<{ payload: { cases: CaseOpenedV1[] } }>(opened, (b) =>
      b.payload.cases.some((c) => c.ticketNumber === batch[0].ticketNumber),
    );
    expect(event.payload.cases.map((c) => c.ticketNumber)).toEqual(
      batch.map((b) => b.ticketNumber),
    );
    expect(event.payload.cases[0]).toMatchObject({ caseId: closed.id, legacy: batch[0].legacy });

    // The same records again with one more (a redelivery after a crash, or an overlapping
    // batch): one more case, and history-opened names only it.
    const more = record(CaseStatus.CLOSED).build();
    await cases.publish(HistoryAccepted, { submissions: [...batch, more] });
    const next = await nextMatching<{ payload: { cases: CaseOpenedV1[] } }>(opened, (b) =>
      b.payload.cases.some((c) => c.ticketNumber === more.ticketNumber),
    );
    expect(next.payload.cases.map((c) => c.ticketNumber)).toEqual([more.ticketNumber]);
    expect(
      await rows('SELECT id FROM service_case WHERE submission_id = ANY($1::uuid[])', [
        batch.map((b) => b.submissionId),
      ]),
    ).toHaveLength(2);
  });

  it('records routing on a batch of imported cases, keeping their legacy status', async () => {
    const batch = [record(CaseStatus.CLOSED).build(), record(CaseStatus.NEW).build()];
    await cases.publish(HistoryAccepted, { submissions: batch });
    const ids: string[] = [];
    for (const b of batch) {
      ids.push((await caseOf(b.ticketNumber)).id as string);
    }
    await cases.publish(HistoryRouted, {
      routed: batch.map((b, i) => routedFor(b, ids[i]).build()),
    });
    const routed = await waitFor(
      async () => {
        const found = await rows(
          'SELECT id, status, department_code, priority, due_at FROM service_case WHERE id = ANY($1::uuid[]) AND routed_at IS NOT NULL ORDER BY opened_at, ticket_number',
          [ids],
        );
        return found.length === 2 ? found : undefined;
      },
      { what: 'both cases routed' },
    );
    const byId = new Map(routed.map((r) => [r.id, r]));
    expect(byId.get(ids[0])).toMatchObject({ status: 'CLOSED', department_code: 'streets' });
    // A record still new in the old system is open work once routed, as a live case would be.
    expect(byId.get(ids[1])).toMatchObject({ status: 'OPEN', priority: 'NORMAL' });
    expect(
      await rows(`SELECT summary FROM timeline_entry WHERE case_id = $1 AND kind = 'ROUTED'`, [
        ids[0],
      ]),
    ).toEqual([{ summary: 'Assigned to streets with priority NORMAL' }]);
  });

  it('keeps the district routing found for each imported case, and serves the legacy one where the record named one', async () => {
    const batch = [
      record(CaseStatus.CLOSED).withAttributes({ district: 'Ward 1' }).build(),
      record(CaseStatus.CLOSED).build(),
      record(CaseStatus.CLOSED).without('location').build(),
    ];
    await cases.publish(HistoryAccepted, { submissions: batch });
    const ids: string[] = [];
    for (const b of batch) {
      ids.push((await caseOf(b.ticketNumber)).id as string);
    }
    const districts = ['lower-manhattan', 'lower-manhattan', undefined];
    await cases.publish(HistoryRouted, {
      routed: batch.map((b, i) => {
        const routed = routedFor(b, ids[i]);
        return (districts[i] ? routed.inDistrict(districts[i]) : routed).build();
      }),
    });
    const routed = await waitFor(
      async () => {
        const found = await rows(
          'SELECT id, district_code FROM service_case WHERE id = ANY($1::uuid[]) AND routed_at IS NOT NULL',
          [ids],
        );
        return found.length === 3 ? new Map(found.map((r) => [r.id, r.district_code])) : undefined;
      },
      { what: 'three cases routed' },
    );
    expect(ids.map((id) => routed.get(id))).toEqual(['lower-manhattan', 'lower-manhattan', null]);
    const served = await cases.query<{ _entities: { district: string | null }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { district } } }',
      { r: ids.map((id) => ({ __typename: 'Case', id })) },
    );
    // What the source system said wins over what routing computed.
    expect(served.data!._entities.map((c) => c.district)).toEqual([
      'Ward 1',
      'lower-manhattan',
      null,
    ]);
  });
});
