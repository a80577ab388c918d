import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Role } from '@civitas/contracts';
import {
  aChangeCaseStatusInput,
  graphql,
  queryRows,
  sharedDataPath,
  waitFor,
  type ChangeCaseStatusInput,
} from '@civitas/testing';
import {
  FixMyStreetClient,
  readXml,
  w3cdtf,
  type FmsReport,
  type XmlObject,
} from './fixmystreet-client.js';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

/**
 * FixMyStreet, the most widely deployed Open311 client, against the whole platform over HTTP:
 * the requests its client module sends (XML, no jurisdiction, its form fields in its order, its
 * date windows), read the way it reads them. Its senders and pollers must succeed as it judges
 * success, and a report must end in the same state on both sides (docs/adr/0035, 0036).
 */
const SCHEMAS = sharedDataPath('open311-schemas');
const schema = (name: string) => JSON.parse(readFileSync(`${SCHEMAS}/${name}`, 'utf8')) as object;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addFormat('uid', true);
ajv.addSchema(schema('request.json'), 'request.json');
const swagger = schema('swagger.json') as { definitions: Record<string, object> };
const validators: Record<string, ValidateFunction> = {
  requests: ajv.compile(schema('requests.json')),
  postResponse: ajv.compile({ type: 'array', items: swagger.definitions.RequestResponse }),
};

function expectValid(kind: keyof typeof validators, body: unknown): void {
  const valid = validators[kind](body);
  expect({ kind, errors: valid ? null : validators[kind].errors }).toEqual({ kind, errors: null });
}

const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const TIMELINE = `query($t: String!) { caseByTicket(ticketNumber: $t) { status timeline { kind visibility summary } } }`;

describe('Open311 with FixMyStreet’s client (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  let endpoint: string;
  let apiKey: string;
  let adminToken: string;
  let fms: FixMyStreetClient;
  let fmsExtended: FixMyStreetClient;
  let nextId = 1;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    endpoint = `${e2e.platform.baseUrl('gateway')}/open311/v2/`;
    adminToken = await e2e.token(Role.Admin);
    const created = await graphql<{ createApiKey: { key: string } }>(
      e2e.platform.gatewayUrl,
      'mutation { createApiKey(input: { name: "FixMyStreet" }) { key } }',
      {},
      { authorization: `Bearer ${adminToken}` },
    );
    apiKey = created.data!.createApiKey.key;
    fms = new FixMyStreetClient(endpoint, apiKey);
    fmsExtended = new FixMyStreetClient(endpoint, apiKey, true);
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  const staff = <T>(query: string, variables: Record<string, unknown>) =>
    graphql<T>(e2e.platform.gatewayUrl, query, variables, {
      authorization: `Bearer ${adminToken}`,
    });

  async function setStatus(
    ticket: string,
    status: ChangeCaseStatusInput['status'],
    publicNote?: string,
  ): Promise<void> {
    const change = aChangeCaseStatusInput(ticket, status);
    const changed = await staff(CHANGE, {
      i: (publicNote ? change.withPublicNote(publicNote) : change).build(),
    });
    expect(changed.errors).toBeUndefined();
  }

  /** Staff work happens in distinct milliseconds, as it does in life. */
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  /** FixMyStreet's report as sent: the parameters `_populate_service_request_params` builds. */
  async function sendReport(client: FixMyStreetClient, title: string): Promise<FmsReport> {
    const definition = await client.getServiceMetaInfo('pothole');
    const attributes = (definition?.attributes as XmlObject[]).filter((a) => a.required === 'true');
    const id = nextId++;
    const params: [string, string][] = [
      [
        'description',
        `${title}\n\nThe hole is deep enough to damage a wheel.\n\nhttps://fms.example/report/${id}\n`,
      ],
      ['service_code', 'pothole'],
      ['first_name', 'Robin'],
      ['last_name', 'Resident'],
      ['email', `robin.${id}@example.org`],
      ['lat', '41.878113'],
      ['long', '-87.629799'],
      ...attributes.map((a): [string, string] => {
        const values = a.values as XmlObject[] | undefined;
        return [`attribute[${String(a.code)}]`, values ? String(values[0].key) : 'yes'];
      }),
    ];
    const whenSent = new Date();
    const externalId = await client.sendServiceRequest(params);
    expect({ externalId, error: client.error }).toEqual({
      externalId: expect.stringMatching(/^[A-Z]+-\d{4}-\d{7}$/),
      error: '',
    });
    const report: FmsReport = {
      id,
      externalId: externalId as string,
      state: 'confirmed',
      lastUpdate: whenSent,
      whenSent,
      comments: [],
    };
    await waitFor(
      async () => {
        const found = await queryRows<{ status: string }>(
          e2e.databaseUrlOf('cases'),
          'SELECT status FROM service_case WHERE ticket_number = $1',
          [report.externalId],
        );
        return found[0]?.status === 'OPEN';
      },
      { what: `${report.externalId} routed` },
    );
    return report;
  }

  /** GetServiceRequestUpdates' default window: the last two hours, to now. */
  async function poll(client: FixMyStreetClient, reports: FmsReport[]): Promise<XmlObject[]> {
    // The window's end is whole seconds: let the last change fall inside it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const now = new Date();
    const window: [string, string] = [w3cdtf(new Date(now.getTime() - 2 * 3_600_000)), w3cdtf(now)];
    const updates = await client.getServiceRequestUpdates(...window);
    expect({ success: client.success, error: client.error }).toEqual({ success: true, error: '' });
    client.applyUpdates(updates ?? [], reports, window);
    return updates ?? [];
  }

  const ofReport = (updates: XmlObject[], report: FmsReport) =>
    updates
      .filter((u) => u.service_request_id === report.externalId)
      .sort((a, b) => String(a.updated_datetime).localeCompare(String(b.updated_datetime)));

  it('reads services and definitions, creates a request with attributes, and finds it in the last hour', async () => {
    const services = await fms.getServiceList();
    expect((services?.service as XmlObject[]).map((s) => s.service_code)).toContain('pothole');
    const report = await sendReport(fms, 'Pothole on Main St');
    expect(await fms.serviceRequestIdFromToken(await tokenOf(report))).toBe(report.externalId);

    const now = new Date();
    const requests = await fms.getServiceRequests({
      start_date: w3cdtf(new Date(now.getTime() - 3_600_000)),
      end_date: w3cdtf(new Date(now.getTime() + 1000)),
    });
    const found = requests?.find((r) => r.service_request_id === report.externalId);
    // Only the standard's statuses in `status`: never mySociety's for_triage.
    expect(found).toMatchObject({ status: 'open', service_code: 'pothole' });
    expect(found?.lat).toBeDefined();
  });

  it('answers a POST without null optional fields, in JSON and XML alike', async () => {
    const xml = await fetch(`${endpoint}requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'graffiti',
        address_string: '3 Paint Row',
        api_key: apiKey,
      }).toString(),
    });
    const text = await xml.text();
    expect(text).toMatch(/<token>[0-9a-f-]{36}<\/token><\/request><\/service_requests>$/);
    expect(text).not.toMatch(/service_notice|account_id/);
    const json = await fetch(`${endpoint}requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'graffiti',
        address_string: '4 Paint Row',
        api_key: apiKey,
      }).toString(),
    });
    const body = (await json.json()) as Record<string, unknown>[];
    expect(Object.keys(body[0]).sort()).toEqual(['service_request_id', 'token']);
    expectValid('postResponse', body);
    const withAccount = await fetch(`${endpoint}requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'graffiti',
        address_string: '5 Paint Row',
        account_id: 'fms-user-7',
        api_key: apiKey,
      }).toString(),
    });
    const accountBody = (await withAccount.json()) as Record<string, unknown>[];
    expect(accountBody[0].account_id).toBe('fms-user-7');
    expectValid('postResponse', accountBody);
  });

  it('a request closed, reopened and closed again by staff ends closed on both sides, each update with its own status', async () => {
    const report = await sendReport(fms, 'Pothole by the library');
    // Before any staff work: a new request's updates read open, never for_triage.
    // (Received, assigned, opened by routing: however many, all open.)
    const first = ofReport(await poll(fms, [report]), report);
    const opened = first.map(() => 'open');
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.map((u) => u.status)).toEqual(opened);
    expect(report.state).toBe('confirmed');

    await setStatus(report.externalId, 'CLOSED', 'Filled');
    // Right after a close, the older updates keep their own statuses.
    const afterClose = ofReport(await poll(fms, [report]), report);
    expect(afterClose.map((u) => u.status)).toEqual([...opened, 'closed']);
    expect(report.state).toBe('fixed - council');

    await setStatus(report.externalId, 'OPEN', 'The patch failed');
    // A staff reopen reads open, which FixMyStreet applies (it ignores "reopen").
    const afterReopen = ofReport(await poll(fms, [report]), report);
    expect(afterReopen.map((u) => u.status)).toEqual([...opened, 'closed', 'open']);
    expect(report.state).toBe('confirmed');

    await tick();
    await setStatus(report.externalId, 'CLOSED', 'Resurfaced');
    await poll(fms, [report]);
    expect(report.state).toBe('fixed - council');
    expect(report.comments.map((c) => c.problemState)).toEqual([
      ...opened.map(() => 'confirmed'),
      'fixed - council',
      'confirmed',
      'fixed - council',
    ]);

    // A poller seeing all of it at once ends closed too: oldest first, the statuses tell the story.
    const fresh: FmsReport = { ...report, state: 'confirmed', comments: [] };
    const all = ofReport(await poll(fms, [fresh]), fresh);
    expect(all.map((u) => u.status)).toEqual([...opened, 'closed', 'open', 'closed']);
    expect(all.map((u) => u.status)).not.toContain('reopen');
    expect(fresh.state).toBe('fixed - council');
    expect(await statusOf(report.externalId)).toBe('CLOSED');

    // close, reopen, close, reopen: the sequence reads closed/open/closed/open.
    await tick();
    await setStatus(report.externalId, 'OPEN');
    await poll(fms, [report]);
    expect(report.state).toBe('confirmed');
    const sequence = ofReport(await poll(fms, []), report).map((u) => u.status);
    expect(sequence.slice(opened.length)).toEqual(['closed', 'open', 'closed', 'open']);
  });

  it('takes a resident comment with status CLOSED on a fixed report, with an update id, and reads it back as closed', async () => {
    const report = await sendReport(fms, 'Pothole at the bus stop');
    await setStatus(report.externalId, 'CLOSED', 'Filled');
    await poll(fms, [report]);
    expect(report.state).toBe('fixed - council');

    const updateId = await fms.postServiceRequestUpdate(report, {
      id: 9001,
      text: 'Thanks, looks good now',
      name: 'Robin Resident',
      email: 'robin@example.org',
      confirmed: new Date(),
    });
    expect(fms.calls.at(-1)).toContain('status=CLOSED');
    expect({ updateId, error: fms.error }).toEqual({
      updateId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      error: '',
    });

    // Its own comment comes back on the next poll and is recognised, so nothing changes.
    const updates = ofReport(await poll(fms, [report]), report);
    expect(updates.find((u) => u.update_id === updateId)).toMatchObject({
      status: 'closed',
      description: 'Thanks, looks good now',
    });
    expect(report.state).toBe('fixed - council');
    expect(report.comments.filter((c) => c.externalId === updateId)).toHaveLength(1);
    expect(await statusOf(report.externalId)).toBe('CLOSED');
  });

  it("records a resident's FIXED on a request still open for staff to see, ignores statuses only staff set, and keeps the comment", async () => {
    const report = await sendReport(fmsExtended, 'Pothole near the park');
    report.state = 'fixed - user';
    const fixed = await fmsExtended.postServiceRequestUpdate(report, {
      id: 9002,
      text: 'Someone filled it this morning',
      name: 'Sam',
      email: 'sam@example.org',
      confirmed: new Date(),
    });
    expect(fmsExtended.calls.at(-1)).toContain('status=FIXED');
    expect(fixed).toMatch(/^[0-9a-f-]{36}$/);

    report.state = 'in progress';
    const inProgress = await fmsExtended.postServiceRequestUpdate(report, {
      id: 9003,
      text: 'A crew is here now',
      name: 'Sam',
      email: 'sam@example.org',
      confirmed: new Date(),
    });
    expect(fmsExtended.calls.at(-1)).toContain('status=IN_PROGRESS');
    expect(inProgress).toMatch(/^[0-9a-f-]{36}$/);

    const seen = await staff<{
      caseByTicket: {
        status: string;
        timeline: { kind: string; visibility: string; summary: string }[];
      };
    }>(TIMELINE, { t: report.externalId });
    expect(seen.errors).toBeUndefined();
    // The request stays as staff left it; they see what the resident said.
    expect(seen.data!.caseByTicket.status).toBe('OPEN');
    expect(seen.data!.caseByTicket.timeline).toEqual(
      expect.arrayContaining([
        {
          kind: 'NOTE',
          visibility: 'INTERNAL',
          summary: 'The resident says it is fixed: Someone filled it this morning',
        },
        { kind: 'NOTE', visibility: 'PUBLIC', summary: 'Someone filled it this morning' },
        { kind: 'NOTE', visibility: 'PUBLIC', summary: 'A crew is here now' },
      ]),
    );
    // Pollers never read the resident's "fixed" as an update saying the request is open.
    const updates = ofReport(await poll(fmsExtended, [report]), report);
    expect(updates.map((u) => u.description)).not.toContain(
      'The resident says it is fixed: Someone filled it this morning',
    );
  });

  it('reopens a fixed report the resident says is not fixed, and both sides agree it is open', async () => {
    const report = await sendReport(fms, 'Pothole on the bridge');
    await setStatus(report.externalId, 'CLOSED', 'Filled');
    await poll(fms, [report]);
    expect(report.state).toBe('fixed - council');
    // FixMyStreet reopens its report, then sends the update with the state it now holds.
    report.state = 'confirmed';
    const updateId = await fms.postServiceRequestUpdate(report, {
      id: 9004,
      text: 'Not fixed: the hole is back',
      name: 'Robin Resident',
      email: 'robin@example.org',
      confirmed: new Date(),
    });
    expect(fms.calls.at(-1)).toContain('status=OPEN');
    expect(updateId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await statusOf(report.externalId)).toBe('OPEN');
    const updates = ofReport(await poll(fms, [report]), report);
    expect(updates.at(-1)).toMatchObject({ update_id: updateId, status: 'open' });
    expect(report.state).toBe('confirmed');
  });

  it('pages through updates and requests with equal times without skipping or repeating one', async () => {
    const reports = [
      await sendReport(fms, 'Paging one'),
      await sendReport(fms, 'Paging two'),
      await sendReport(fms, 'Paging three'),
    ];
    const tickets = reports.map((r) => r.externalId);
    const at = '2026-01-02T03:04:05.000Z';
    // Their public entries, all at one time: the window holds exactly these.
    const expected = await queryRows<{ id: string }>(
      e2e.databaseUrlOf('cases'),
      `UPDATE timeline_entry SET at = $2 WHERE visibility = 'PUBLIC' AND case_id IN
         (SELECT id FROM service_case WHERE ticket_number = ANY($1)) RETURNING id`,
      [tickets, at],
    );
    await queryRows(
      e2e.databaseUrlOf('cases'),
      'UPDATE service_case SET opened_at = $2 WHERE ticket_number = ANY($1)',
      [tickets, at],
    );
    const window = `start_date=${at}&end_date=${at}`;
    expect(expected.length).toBeGreaterThanOrEqual(6);

    const updateIds: string[] = [];
    for (let page = 1; page <= 10; page += 1) {
      const answer = await fetch(
        `${endpoint}servicerequestupdates.xml?${window}&page_size=2&page=${page}`,
      );
      expect(answer.status).toBe(200);
      const items = (readXml(await answer.text())?.request_update as XmlObject[]) ?? [];
      updateIds.push(...items.map((u) => String(u.update_id)));
      if (items.length < 2) {
        break;
      }
    }
    expect(updateIds).toHaveLength(new Set(updateIds).size);
    expect(updateIds.sort()).toEqual(expected.map((r) => r.id).sort());

    const requestIds: string[] = [];
    for (let page = 1; page <= 10; page += 1) {
      const answer = await fetch(`${endpoint}requests.json?${window}&page_size=2&page=${page}`);
      const items = (await answer.json()) as { service_request_id: string }[];
      if (items.length > 0) {
        expectValid('requests', items);
      }
      requestIds.push(...items.map((r) => r.service_request_id));
      if (items.length < 2) {
        break;
      }
    }
    expect(requestIds.sort()).toEqual([...tickets].sort());
  });

  async function statusOf(ticket: string): Promise<string> {
    const rows = await queryRows<{ status: string }>(
      e2e.databaseUrlOf('cases'),
      'SELECT status FROM service_case WHERE ticket_number = $1',
      [ticket],
    );
    return rows[0].status;
  }

  async function tokenOf(report: FmsReport): Promise<string> {
    const rows = await queryRows<{ id: string }>(
      e2e.databaseUrlOf('intake'),
      'SELECT id FROM submission WHERE ticket_number = $1',
      [report.externalId],
    );
    return rows[0].id;
  }
});
