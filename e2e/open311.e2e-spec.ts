import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import {
  aLegacyRecordInput,
  aMarkCaseDuplicateInput,
  anImportLegacyRecordsInput,
  deleteNamespaceStreams,
  graphql,
  queryRows,
  testDatabaseServerUrl,
  testNatsUrl,
  waitFor,
  sharedDataPath,
} from '@civitas/testing';
import { launchPlatform, signDevToken, type PlatformHandle } from '@civitas/tools';
import { E2E_RATE_LIMITS } from './platform.js';

/**
 * Open311 GeoReport v2 through the gateway, with the whole platform up once for the file: every
 * resource in JSON and XML, validated against the standard's JSON Schemas and the shapes of
 * Chicago's extended responses; privacy; API keys; and a fuzz of malformed POSTs.
 */
const SCHEMAS = sharedDataPath('open311-schemas');
const CHICAGO = sharedDataPath('open311-samples', 'chicago_requests_2014_extensions.json');
const JURISDICTION = 'test.city';
const run = `o311_${randomBytes(3).toString('hex')}`;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const schema = (name: string) => JSON.parse(readFileSync(`${SCHEMAS}/${name}`, 'utf8')) as object;
ajv.addSchema(schema('request.json'), 'request.json');
ajv.addSchema(schema('service.json'), 'service.json');
const validators: Record<string, ValidateFunction> = {
  requests: ajv.compile(schema('requests.json')),
  services: ajv.compile(schema('services.json')),
  definition: ajv.compile(schema('service-definition.json')),
};

function expectValid(kind: keyof typeof validators, body: unknown): void {
  const valid = validators[kind](body);
  expect({ kind, errors: valid ? null : validators[kind].errors }).toEqual({ kind, errors: null });
}

const chicago = JSON.parse(readFileSync(CHICAGO, 'utf8')) as Record<string, unknown>[];
const union = (sets: Iterable<string>[]) => new Set([...sets].flatMap((s) => [...s]));
const CHICAGO_REQUEST_KEYS = union(chicago.map((r) => Object.keys(r)));
const CHICAGO_EXTENDED_KEYS = union(
  chicago.map((r) => Object.keys(r.extended_attributes as object)),
);
/** Civitas's own extended attribute: how many reports follow the request (docs/adr/0063). */
const CIVITAS_EXTENDED_KEYS = new Set(['followers']);
const CHICAGO_NOTE_KEYS = union(
  chicago.flatMap((r) => (r.notes as object[]).map((n) => Object.keys(n))),
);
/** The standard's own request fields (request.json), which Chicago leaves out when empty. */
const STANDARD_REQUEST_KEYS = new Set(
  Object.keys((schema('request.json') as { properties: object }).properties),
);

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

describe('Open311 GeoReport v2', () => {
  let platform: PlatformHandle;
  let base: string;
  let adminToken: string;
  let apiKey: string;
  let apiKeyId: string;

  async function call(
    method: string,
    path: string,
    form?: string | Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const body =
      form === undefined
        ? undefined
        : typeof form === 'string'
          ? form
          : new URLSearchParams(
              Object.entries(form).flatMap(([k, v]): [string, string][] =>
                Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
              ),
            ).toString();
    const res = await fetch(`${base}${path}`, {
      method,
      headers:
        body !== undefined
          ? { 'content-type': 'application/x-www-form-urlencoded', ...headers }
          : headers,
      body,
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      contentType,
      text,
      json: contentType.startsWith('application/json') ? JSON.parse(text) : undefined,
    };
  }

  const get = (path: string) => call('GET', path);
  const post = (
    path: string,
    form: string | Record<string, string | string[]>,
    headers?: Record<string, string>,
  ) => call('POST', path, form, headers);

  async function sql<T = Record<string, unknown>>(
    service: 'intake' | 'cases',
    query: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    const url = new URL(platform.databaseUrl);
    url.pathname = `/${run}_${service}`;
    return queryRows<T>(url.toString(), query, params);
  }

  const admin = (query: string, variables: Record<string, unknown> = {}) =>
    graphql<Record<string, any>>(platform.gatewayUrl, query, variables, {
      authorization: `Bearer ${adminToken}`,
    });

  async function createKey(name: string): Promise<{ key: string; id: string }> {
    const created = await admin(
      'mutation($n: String!) { createApiKey(input: { name: $n }) { key apiKey { id name prefix revokedAt } } }',
      { n: name },
    );
    expect(created.errors).toBeUndefined();
    return { key: created.data!.createApiKey.key, id: created.data!.createApiKey.apiKey.id };
  }

  async function submit(
    form: Record<string, string | string[]>,
  ): Promise<{ service_request_id: string; token: string }> {
    const answer = await post('/v2/requests.json', { api_key: apiKey, ...form });
    expect(answer.status).toBe(200);
    return (answer.json as { service_request_id: string; token: string }[])[0];
  }

  /** A request becomes readable once cases has opened it (and routing has routed it). */
  const readable = (
    id: string,
    until: (r: Record<string, any>) => boolean = (r) =>
      r.agency_responsible !== null && r.expected_datetime !== null,
  ) =>
    waitFor(
      async () => {
        const answer = await get(`/v2/requests/${id}.json?extensions=true`);
        const found = answer.status === 200 ? (answer.json as Record<string, any>[])[0] : undefined;
        return found && until(found) ? found : undefined;
      },
      { what: `request ${id}` },
    );

  beforeAll(async () => {
    platform = await launchPlatform({
      databaseUrl: testDatabaseServerUrl(),
      natsUrl: testNatsUrl(),
      ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
      busNamespace: run.replace(/_/g, '-'),
      databasePrefix: run,
      nodeEnv: 'test',
      quiet: true,
      ephemeralSecrets: true,
      logLevel: 'warn',
      extraEnv: { ...E2E_RATE_LIMITS, OPEN311_JURISDICTION_ID: JURISDICTION },
    });
    base = `${platform.baseUrl('gateway')}/open311`;
    adminToken = await signDevToken(
      { roles: ['admin'] as never, sub: 'admin-e2e', departments: [], expiresIn: '1h' },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
    ({ key: apiKey, id: apiKeyId } = await createKey('e2e client'));
  }, 240_000);

  afterAll(async () => {
    if (!platform) {
      return;
    }
    await platform.stop();
    const nc = await connect({ servers: platform.natsUrl });
    await deleteNamespaceStreams(nc, run.replace(/_/g, '-'));
    await nc.close();
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    try {
      for (const service of ['intake', 'cases', 'citizens', 'routing', 'analytics']) {
        await admin.query(`DROP DATABASE IF EXISTS "${run}_${service}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  });

  describe('discovery and services', () => {
    it('answers discovery in JSON and XML', async () => {
      const json = await get('/discovery.json');
      expect(json.status).toBe(200);
      expect(json.contentType).toBe('application/json; charset=utf-8');
      const discovery = json.json as Record<string, any>;
      expect(Object.keys(discovery).sort()).toEqual([
        'changeset',
        'contact',
        'endpoints',
        'key_service',
      ]);
      expect(discovery.endpoints[0]).toMatchObject({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/v2`,
        type: 'test',
        formats: ['text/xml', 'application/json'],
      });
      const xml = await get('/discovery.xml');
      expect(xml.contentType).toBe('text/xml; charset=utf-8');
      expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
      expect(xml.text).toContain(
        '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>',
      );
      expect(xml.text).toContain(
        '<formats><format>text/xml</format><format>application/json</format></formats>',
      );
    });

    it('lists services valid against services.json, metadata true where the catalog has attributes', async () => {
      const json = await get('/v2/services.json');
      expect(json.status).toBe(200);
      expectValid('services', json.json);
      const services = json.json as Record<string, any>[];
      expect(services.find((s) => s.service_code === 'pothole')).toMatchObject({
        service_name: 'Pothole',
        metadata: true,
        type: 'realtime',
        group: 'Streets',
      });
      expect(services.find((s) => s.service_code === 'graffiti')).toMatchObject({
        metadata: false,
      });
      expect(services.find((s) => s.service_code === 'pothole')?.keywords).toContain('pothole,');
      const xml = await get(`/v2/services.xml?jurisdiction_id=${JURISDICTION}`);
      expect(xml.status).toBe(200);
      expect(xml.text).toMatch(
        /<services><service><service_code>[^<]+<\/service_code><service_name>/,
      );
    });

    it('serves a service definition valid against service-definition.json, in both formats', async () => {
      const json = await get('/v2/services/pothole.json');
      expect(json.status).toBe(200);
      expectValid('definition', json.json);
      const definition = json.json as Record<string, any>;
      expect(definition.attributes[0]).toMatchObject({
        code: 'size',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        variable: true,
      });
      expect(definition.attributes[0].values).toContainEqual({
        key: 'large',
        name: 'Larger than a car tyre',
      });
      const none = await get('/v2/services/graffiti.json');
      expect(none.json).toEqual({ service_code: 'graffiti', attributes: [] });
      const xml = await get('/v2/services/pothole.xml');
      expect(xml.text).toContain(
        '<service_definition><service_code>pothole</service_code><attributes><attribute><variable>true</variable><code>size</code>',
      );
      expect(xml.text).toContain('<values><value><key>small</key>');
    });

    it('answers 404 with the error body for an unknown service code, jurisdiction or resource', async () => {
      const json = await get('/v2/services/no-such-service.json');
      expect(json.status).toBe(404);
      expect(json.json).toEqual([
        { code: 404, description: expect.stringContaining('no-such-service') },
      ]);
      const xml = await get('/v2/services/no-such-service.xml');
      expect(xml.status).toBe(404);
      expect(xml.contentType).toBe('text/xml; charset=utf-8');
      expect(xml.text).toMatch(
        /<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>$/,
      );
      expect((await get('/v2/services.json?jurisdiction_id=elsewhere')).status).toBe(404);
      expect((await get('/v2/services.json?jurisdiction_id=')).status).toBe(200);
      expect((await get('/v2/nothing.json')).status).toBe(404);
      expect((await get('/v2/services.html')).status).toBe(404);
    });
  });

  describe('requests', () => {
    let pothole: { service_request_id: string; token: string };

    beforeAll(async () => {
      pothole = await submit({
        service_code: 'pothole',
        lat: '41.8781',
        long: '-87.6298',
        address_string: '1200 W 81st St',
        description: 'Deep pothole in the right lane',
        'attribute[size]': 'large',
        'attribute[in_bus_lane]': 'no',
        email: 'resident.private@example.org',
        first_name: 'Prudence',
        last_name: 'Privacy',
        phone: '+1 312 555 0199',
        account_id: 'acct-secret-77',
        device_id: 'device-1',
      });
    });

    it('answers the ticket number and a token at once, in JSON and XML', async () => {
      expect(pothole.service_request_id).toMatch(/^[A-Z]{2,5}-\d{4}-\d{7}$/);
      expect(pothole.token).toMatch(/^[0-9a-f-]{36}$/);
      const xml = await post('/v2/requests.xml', {
        api_key: apiKey,
        service_code: 'missed-collection',
        address_string: '10 Main St',
        'attribute[collection_type][]': ['trash', 'recycling'],
      });
      expect(xml.status).toBe(200);
      expect(xml.contentType).toBe('text/xml; charset=utf-8');
      expect(xml.text).toMatch(
        /<service_requests><request><service_request_id>[A-Z]+-\d{4}-\d{7}<\/service_request_id><token>[0-9a-f-]{36}<\/token><\/request><\/service_requests>$/,
      );
    });

    it('resolves the token to the request, in both formats', async () => {
      const json = await get(`/v2/tokens/${pothole.token}.json`);
      expect(json.status).toBe(200);
      expect(json.json).toEqual([
        { service_request_id: pothole.service_request_id, token: pothole.token },
      ]);
      const xml = await get(`/v2/tokens/${pothole.token}.xml`);
      expect(xml.text).toContain(
        `<service_requests><request><service_request_id>${pothole.service_request_id}</service_request_id>`,
      );
      expect((await get('/v2/tokens/00000000-0000-4000-8000-000000000000.json')).status).toBe(404);
      expect((await get('/v2/tokens/not-a-token.xml')).status).toBe(404);
    });

    it('reads one request, valid against requests.json, with department, service name and due time', async () => {
      const found = await readable(pothole.service_request_id);
      const answer = await get(`/v2/requests/${pothole.service_request_id}.json`);
      expectValid('requests', answer.json);
      expect(found).toMatchObject({
        service_request_id: pothole.service_request_id,
        status: 'open',
        service_code: 'pothole',
        service_name: 'Pothole',
        agency_responsible: 'Department of Streets and Transportation',
        description: 'Deep pothole in the right lane',
        address: '1200 W 81st St',
        lat: 41.8781,
        long: -87.6298,
      });
      expect(found.requested_datetime).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
      );
      expect(Date.parse(found.expected_datetime)).toBeGreaterThan(
        Date.parse(found.requested_datetime),
      );
      const xml = await get(`/v2/requests/${pothole.service_request_id}.xml`);
      expect(xml.text).toContain(
        `<service_requests><request><service_request_id>${pothole.service_request_id}</service_request_id><status>open</status>`,
      );
      expect((await get('/v2/requests/SR-1999-0000000.json')).status).toBe(404);
    });

    it('serves the extensions in the shapes of Chicago’s responses', async () => {
      const found = await readable(pothole.service_request_id);
      for (const key of Object.keys(found)) {
        expect([key, CHICAGO_REQUEST_KEYS.has(key) || STANDARD_REQUEST_KEYS.has(key)]).toEqual([
          key,
          true,
        ]);
      }
      expect(found.attributes).toEqual({ size: 'large', in_bus_lane: 'no' });
      expect(found.extended_attributes).toEqual({ channel: 'open311', followers: 0 });
      for (const key of Object.keys(found.extended_attributes)) {
        expect(CHICAGO_EXTENDED_KEYS.has(key) || CIVITAS_EXTENDED_KEYS.has(key)).toBe(true);
      }
      expect(found.notes.length).toBeGreaterThanOrEqual(1);
      expect(found.notes[0]).toMatchObject({ summary: 'Request opened', type: 'opened' });
      for (const note of found.notes) {
        expect(Object.keys(note).every((k) => CHICAGO_NOTE_KEYS.has(k))).toBe(true);
        expect(typeof note.datetime).toBe('string');
      }
      const xml = await get(`/v2/requests/${pothole.service_request_id}.xml?extensions=true`);
      expect(xml.text).toContain(
        '<attributes><size>large</size><in_bus_lane>no</in_bus_lane></attributes>',
      );
      expect(xml.text).toContain(
        '<extended_attributes><channel>open311</channel><followers>0</followers></extended_attributes><notes><note><datetime>',
      );
    });

    it('serves the district routing placed a request in, posted inside a sample district', async () => {
      const downtown = await submit({
        service_code: 'pothole',
        lat: '40.7128',
        long: '-74.006',
        address_string: '1 Centre St',
        description: 'Pothole by City Hall',
      });
      const found = await readable(downtown.service_request_id);
      expect(found.extended_attributes).toEqual({
        channel: 'open311',
        district: 'lower-manhattan',
        followers: 0,
      });
      expectValid(
        'requests',
        (await get(`/v2/requests/${downtown.service_request_id}.json?extensions=true`)).json,
      );
      expect(
        (await get(`/v2/requests/${downtown.service_request_id}.xml?extensions=true`)).text,
      ).toContain(
        '<extended_attributes><channel>open311</channel><district>lower-manhattan</district><followers>0</followers></extended_attributes>',
      );
    });

    it('lists requests with every filter, valid against requests.json', async () => {
      const graffiti = await submit({
        service_code: 'graffiti',
        lat: '10.5',
        long: '20.5',
        description: 'Tag on the wall',
      });
      await readable(graffiti.service_request_id);
      const ids = (answer: Answer) =>
        (answer.json as { service_request_id: string }[]).map((r) => r.service_request_id);

      const all = await get('/v2/requests.json');
      expect(all.status).toBe(200);
      expectValid('requests', all.json);
      expect(ids(all)).toEqual(
        expect.arrayContaining([pothole.service_request_id, graffiti.service_request_id]),
      );

      expect(
        ids(
          await get(
            `/v2/requests.json?service_request_id=${graffiti.service_request_id},${pothole.service_request_id}&service_code=nothing`,
          ),
        ).sort(),
      ).toEqual([graffiti.service_request_id, pothole.service_request_id].sort());
      expect(ids(await get('/v2/requests.json?service_code=graffiti'))).toEqual([
        graffiti.service_request_id,
      ]);
      expect(ids(await get('/v2/requests.json?service_code=graffiti,pothole&status=open'))).toEqual(
        expect.arrayContaining([graffiti.service_request_id, pothole.service_request_id]),
      );
      expect(ids(await get('/v2/requests.json?status=closed&service_code=graffiti'))).toEqual([]);
      expect(ids(await get('/v2/requests.json?lat_ne=11&long_ne=21&lat_sw=10&long_sw=20'))).toEqual(
        [graffiti.service_request_id],
      );
      expect(ids(await get('/v2/requests.json?start_date=2099-01-01T00:00:00Z'))).toEqual([]);
      expect(ids(await get('/v2/requests.json?end_date=2000-01-01T00:00:00-05:00'))).toEqual([]);
      expect(
        ids(
          await get(
            `/v2/requests.json?start_date=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&service_code=graffiti`,
          ),
        ),
      ).toEqual([graffiti.service_request_id]);
      const page1 = ids(await get('/v2/requests.json?page_size=1&page=1'));
      const page2 = ids(await get('/v2/requests.json?page_size=1&page=2'));
      expect(page1).toHaveLength(1);
      expect(page2).toHaveLength(1);
      expect(page1[0]).not.toBe(page2[0]);
      const xml = await get('/v2/requests.xml?service_code=graffiti&extensions=true');
      expect(xml.text).toMatch(/^<\?xml[^>]*>\n<service_requests><request><service_request_id>/);
    });

    it('serves a duplicate’s parent and an imported case’s district in extended_attributes, in JSON and XML', async () => {
      const parent = (
        await submit({ service_code: 'pothole', lat: '41.88', long: '-87.63', description: 'Hole' })
      ).service_request_id;
      const duplicate = (
        await submit({
          service_code: 'pothole',
          lat: '41.88',
          long: '-87.63',
          description: 'Again',
        })
      ).service_request_id;
      await readable(parent);
      await readable(duplicate);
      const marked = await admin(
        'mutation($i: MarkCaseDuplicateInput!) { markCaseDuplicate(input: $i) { status duplicateOf { ticketNumber } } }',
        { i: aMarkCaseDuplicateInput(duplicate, parent).build() },
      );
      expect(marked.errors).toBeUndefined();
      expect(marked.data!.markCaseDuplicate).toEqual({
        status: 'CLOSED',
        duplicateOf: { ticketNumber: parent },
      });

      const answer = await get(`/v2/requests/${duplicate}.json?extensions=true`);
      expectValid('requests', answer.json);
      const [found] = answer.json as Record<string, any>[];
      expect(found).toMatchObject({
        status: 'closed',
        status_notes: `Closed: duplicate of ${parent}`,
        extended_attributes: {
          duplicate: true,
          parent_service_request_id: parent,
          channel: 'open311',
        },
      });
      expect(Object.keys(found.extended_attributes)).toEqual([
        'duplicate',
        'parent_service_request_id',
        'channel',
        'followers',
      ]);
      for (const key of Object.keys(found.extended_attributes)) {
        expect(CHICAGO_EXTENDED_KEYS.has(key) || CIVITAS_EXTENDED_KEYS.has(key)).toBe(true);
      }
      expect(found.notes.at(-1)).toMatchObject({ summary: 'Request closed', type: 'closed' });
      const xml = await get(`/v2/requests/${duplicate}.xml?extensions=true`);
      expect(xml.status).toBe(200);
      expect(xml.text).toContain(
        `<status>closed</status><status_notes>Closed: duplicate of ${parent}</status_notes>`,
      );
      expect(xml.text).toContain(
        `<extended_attributes><duplicate>true</duplicate><parent_service_request_id>${parent}</parent_service_request_id><channel>open311</channel><followers>0</followers></extended_attributes>`,
      );
      const both = await get(
        `/v2/requests.json?service_request_id=${parent},${duplicate}&extensions=true`,
      );
      expectValid('requests', both.json);
      expect(
        (both.json as Record<string, any>[]).find((r) => r.service_request_id === parent)
          ?.extended_attributes,
        // The duplicate's reporter follows the parent: its "me too" count (docs/adr/0063).
      ).toEqual({ channel: 'open311', followers: 1 });

      // Chicago's duplicate 14-02155558, imported with its ward.
      const imported = await admin(
        'mutation($i: ImportLegacyRecordsInput!) { importLegacyRecords(input: $i) { records { ticketNumber } rejected { reason } } }',
        {
          i: anImportLegacyRecordsInput(`chicago-${run.replace(/_/g, '-')}`)
            .withRecords(
              aLegacyRecordInput('14-02155558')
                .with({
                  category: 'Street Light Out',
                  openedAt: '2014-12-17T18:39:03-06:00',
                  closedAt: '2015-10-09T15:26:59-05:00',
                  district: 'Ward 18',
                  location: { latitude: 41.752868524625285, longitude: -87.73905188684553 },
                })
                .without('rowNumber', 'agency')
                .build(),
            )
            .build(),
        },
      );
      expect(imported.errors).toBeUndefined();
      expect(imported.data!.importLegacyRecords.rejected).toEqual([]);
      const ticket = imported.data!.importLegacyRecords.records[0].ticketNumber as string;
      const old = await readable(ticket, (r) => r.status === 'closed');
      expect(old.extended_attributes).toEqual({
        channel: 'legacy_import',
        district: 'Ward 18',
        followers: 0,
      });
      expect(old.attributes).toEqual({});
      expectValid('requests', (await get(`/v2/requests/${ticket}.json?extensions=true`)).json);
      expect((await get(`/v2/requests/${ticket}.xml?extensions=true`)).text).toContain(
        '<extended_attributes><channel>legacy_import</channel><district>Ward 18</district><followers>0</followers></extended_attributes>',
      );
    });

    it('names every bad filter at once with 400', async () => {
      const answer = await get(
        '/v2/requests.json?status=pending&start_date=yesterday&page_size=5000&lat_ne=1',
      );
      expect(answer.status).toBe(400);
      const descriptions = (answer.json as { code: number; description: string }[]).map(
        (e) => e.description,
      );
      expect(descriptions).toHaveLength(4);
      expect(descriptions.join('\n')).toMatch(/status must be open, closed/);
      expect(descriptions.join('\n')).toMatch(/start_date must be an ISO 8601/);
      expect(descriptions.join('\n')).toMatch(/page_size must be a whole number from 1 to 1000/);
      expect(descriptions.join('\n')).toMatch(/bounding box needs all of/);
      expect((await get('/v2/requests.json?jurisdiction_id=nowhere')).status).toBe(404);
    });

    it('never shows who reported a request, and never lists a private one', async () => {
      await readable(pothole.service_request_id);
      const reads = [
        await get('/v2/requests.json?extensions=true'),
        await get('/v2/requests.xml?extensions=true'),
        await get(`/v2/requests/${pothole.service_request_id}.json?extensions=true`),
        await get(`/v2/requests/${pothole.service_request_id}.xml?extensions=true`),
        await get('/v2/servicerequestupdates.json'),
        await get('/v2/servicerequestupdates.xml'),
        await get(`/v2/tokens/${pothole.token}.json`),
      ];
      for (const read of reads) {
        expect(read.status).toBe(200);
        for (const secret of [
          'resident.private@example.org',
          'Prudence',
          'Privacy',
          '555 0199',
          'acct-secret-77',
          'device-1',
        ]) {
          expect(read.text).not.toContain(secret);
        }
      }
      const hidden = await submit({ service_code: 'graffiti', address_string: '1 Secret Lane' });
      await readable(hidden.service_request_id);
      await sql('cases', 'UPDATE service_case SET private = true WHERE ticket_number = $1', [
        hidden.service_request_id,
      ]);
      expect((await get(`/v2/requests/${hidden.service_request_id}.json`)).status).toBe(404);
      expect((await get('/v2/requests.json')).text).not.toContain(hidden.service_request_id);
      expect(
        (await get(`/v2/requests.json?service_request_id=${hidden.service_request_id}`)).json,
      ).toEqual([]);
    });
  });

  describe('service request updates', () => {
    it('takes a comment and lists it as an update, in both formats', async () => {
      const request = await submit({ service_code: 'graffiti', address_string: '5 Comment St' });
      await readable(request.service_request_id);
      const answer = await post('/v2/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: request.service_request_id,
        description: 'Still there this morning',
        email: 'commenter@example.org',
      });
      expect(answer.status).toBe(200);
      const [{ update_id }] = answer.json as { update_id: string }[];
      const list = await get(
        `/v2/servicerequestupdates.json?service_request_id=${request.service_request_id}`,
      );
      const updates = list.json as Record<string, unknown>[];
      expect(updates.find((u) => u.update_id === update_id)).toMatchObject({
        service_request_id: request.service_request_id,
        status: 'open',
        description: 'Still there this morning',
        media_url: null,
      });
      expect(list.text).not.toContain('commenter@example.org');
      const xml = await get(
        `/v2/servicerequestupdates.xml?start_date=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
      );
      expect(xml.text).toContain(
        `<request_update><update_id>${update_id}</update_id><service_request_id>${request.service_request_id}</service_request_id>`,
      );
      const xmlPost = await post('/v2/servicerequestupdates.xml', {
        api_key: apiKey,
        service_request_id: request.service_request_id,
        description: 'again',
      });
      expect(xmlPost.text).toMatch(
        /<service_request_updates><request_update><update_id>[0-9a-f-]{36}<\/update_id><\/request_update><\/service_request_updates>$/,
      );
      const found = await readable(request.service_request_id);
      expect(found.notes.map((n: { type: string }) => n.type)).toContain('comment');
    });

    it('reopens a closed request the resident says is not fixed, and emits status-changed', async () => {
      const request = await submit({ service_code: 'graffiti', address_string: '9 Reopen Ave' });
      await readable(request.service_request_id);
      const open = await post('/v2/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: request.service_request_id,
        status: 'not fixed',
      });
      expect(open.status).toBe(400);
      // No staff workflow closes cases yet: close it as staff would, in the cases database.
      await sql(
        'cases',
        "UPDATE service_case SET status = 'CLOSED', closed_at = now() WHERE ticket_number = $1",
        [request.service_request_id],
      );
      expect(
        (await readable(request.service_request_id, (r) => r.status === 'closed')).status,
      ).toBe('closed');
      const reopened = await post('/v2/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: request.service_request_id,
        status: 'NOT_FIXED',
        description: 'The paint is back',
      });
      expect(reopened.status).toBe(200);
      const found = await readable(request.service_request_id, (r) => r.status === 'open');
      expect(found.status_notes).toBe('Reopened: not fixed. The paint is back');
      const updates = (
        await get(`/v2/servicerequestupdates.json?service_request_id=${request.service_request_id}`)
      ).json as Record<string, unknown>[];
      expect(updates[0]).toMatchObject({
        status: 'open',
        description: 'Reopened: not fixed. The paint is back',
      });
      expect(updates[0]).not.toHaveProperty('extended_status');
      const extended = (
        await get(
          `/v2/servicerequestupdates.json?extensions=true&service_request_id=${request.service_request_id}`,
        )
      ).json as Record<string, unknown>[];
      expect(extended[0]).toMatchObject({ status: 'open', extended_status: 'reopen' });
      const events = await sql<{ n: string }>(
        'cases',
        // Routing opening the request (NEW -> OPEN) is a status change of its own; count the reopening.
        "SELECT count(*) AS n FROM outbox WHERE subject LIKE '%cases.evt.status-changed.v1' AND envelope->'payload'->>'ticketNumber' = $1 AND envelope->'payload'->>'from' = 'CLOSED'",
        [request.service_request_id],
      );
      expect(Number(events[0].n)).toBe(1);
    });

    it('refuses updates without a key, and for unknown requests', async () => {
      expect(
        (
          await post('/v2/servicerequestupdates.json', {
            service_request_id: 'X',
            description: 'hi',
          })
        ).status,
      ).toBe(403);
      const unknown = await post('/v2/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: 'SR-1999-0000000',
        description: 'hi',
      });
      expect(unknown.status).toBe(404);
      const closing = await post('/v2/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: 'SR-1999-0000000',
        status: 'closed',
      });
      expect(closing.status).toBe(404);
    });
  });

  describe('API keys', () => {
    it('keeps only a hash, lists keys to admins, and a revoked key gets 403', async () => {
      const { key, id } = await createKey('short-lived');
      const stored = await sql<{ key_hash: string; prefix: string }>(
        'intake',
        'SELECT key_hash, prefix FROM api_key WHERE id = $1',
        [id],
      );
      expect(stored[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await sql('intake', 'SELECT * FROM api_key'))).not.toContain(key);
      expect(key.startsWith(stored[0].prefix)).toBe(true);

      const listed = await admin('{ apiKeys { id name prefix revokedAt } }');
      expect(listed.data!.apiKeys).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id, name: 'short-lived', revokedAt: null }),
        ]),
      );
      expect(JSON.stringify(listed.data)).not.toContain(key);
      const anonymous = await graphql(platform.gatewayUrl, '{ apiKeys { id } }');
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const byKey = await graphql(
        platform.gatewayUrl,
        '{ apiClientByKey(key: "x") { id } }',
        {},
        { authorization: `Bearer ${adminToken}` },
      );
      expect(byKey.errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const form = { service_code: 'graffiti', address_string: '1 Key St' };
      expect((await post('/v2/requests.json', { ...form, api_key: key })).status).toBe(200);
      const revoked = await admin('mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', {
        id,
      });
      expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
      const refused = await post('/v2/requests.json', { ...form, api_key: key });
      expect(refused.status).toBe(403);
      expect(refused.json).toEqual([
        { code: 403, description: expect.stringContaining('api_key') },
      ]);
      const missing = await post('/v2/requests.xml', form);
      expect(missing.status).toBe(403);
      expect(missing.text).toMatch(/<errors><error><code>403<\/code>/);
      expect(apiKeyId).toBeTruthy();
    });

    it('refuses a token claiming the internal role', async () => {
      const forged = await signDevToken(
        { roles: ['internal'] as never, sub: 'forger', departments: [], expiresIn: '1h' },
        platform.secrets.AUTH_DEV_SIGNING_KEY,
      );
      const answer = await graphql(
        platform.gatewayUrl,
        '{ apiClientByKey(key: "x") { id } }',
        {},
        { authorization: `Bearer ${forged}` },
      );
      expect(answer.status).toBe(401);
    });
  });

  describe('bad input', () => {
    it('names several wrong fields at once', async () => {
      const answer = await post('/v2/requests.json', {
        api_key: apiKey,
        lat: '91',
        email: 'not-an-email',
        description: 'x'.repeat(4001),
        media_url: 'ftp://x',
      });
      expect(answer.status).toBe(400);
      const descriptions = (answer.json as { code: number; description: string }[])
        .map((e) => e.description)
        .join('\n');
      for (const expected of [
        /service_code is required/,
        /lat must be a decimal number/,
        /lat and long must be given together/,
        /email must be an e-mail/,
        /description must be at most 4000/,
        /media_url must be an http/,
      ]) {
        expect(descriptions).toMatch(expected);
      }
    });

    it('answers 1,000+ malformed POSTs with 400, 403 or 404 and Open311 error bodies, writing nothing', async () => {
      const count = async () =>
        Number((await sql<{ n: string }>('intake', 'SELECT count(*) AS n FROM submission'))[0].n);
      // Let submissions from earlier tests settle, then nothing may be added.
      const before = await count();
      const cases = malformedPosts(apiKey, 1100);
      const answers: { status: number; contentType: string; text: string; label: string }[] = [];
      for (let i = 0; i < cases.length; i += 10) {
        answers.push(
          ...(await Promise.all(
            cases.slice(i, i + 10).map(async (c) => {
              const res = await fetch(`${base}/v2/${c.path}`, {
                method: 'POST',
                headers: c.headers,
                body: c.body,
              });
              return {
                status: res.status,
                contentType: res.headers.get('content-type') ?? '',
                text: await res.text(),
                label: c.label,
              };
            }),
          )),
        );
      }
      expect(answers.length).toBeGreaterThanOrEqual(1000);
      const wrong = answers.filter((a) => {
        if (![400, 403, 404].includes(a.status)) {
          return true;
        }
        if (a.contentType.startsWith('text/xml')) {
          return !/<errors>(<error><code>(400|403|404)<\/code><description>[^<]*<\/description><\/error>)+<\/errors>$/.test(
            a.text,
          );
        }
        const body = JSON.parse(a.text) as unknown;
        return !(
          Array.isArray(body) &&
          body.length > 0 &&
          body.every(
            (e: { code: unknown; description: unknown }) =>
              e.code === a.status && typeof e.description === 'string' && e.description.length > 0,
          )
        );
      });
      expect(wrong.slice(0, 5)).toEqual([]);
      const statuses = new Set(answers.map((a) => a.status));
      expect([...statuses].sort()).toEqual([400, 403, 404]);
      expect(await count()).toBe(before);
    });
  });
});

interface MalformedPost {
  label: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** Deterministic pseudo-random malformed submissions: every way a client gets a POST wrong. */
function malformedPosts(apiKey: string, n: number): MalformedPost[] {
  let seed = 311;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const form = 'application/x-www-form-urlencoded';
  const encode = (fields: [string, string][]) =>
    fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const valid: [string, string][] = [
    ['api_key', apiKey],
    ['service_code', 'graffiti'],
    ['lat', '41.1'],
    ['long', '-87.2'],
  ];
  const without = (name: string) => valid.filter(([k]) => k !== name);
  const breakers: ((format: string) => Omit<MalformedPost, 'path'>)[] = [
    () => ({
      label: 'no key',
      headers: { 'content-type': form },
      body: encode(without('api_key')),
    }),
    () => ({
      label: 'unknown key',
      headers: { 'content-type': form },
      body: encode([
        ...without('api_key'),
        ['api_key', `civ_${randomBytes(32).toString('base64url')}`],
      ]),
    }),
    () => ({
      label: 'garbage key',
      headers: { 'content-type': form },
      body: encode([
        ...without('api_key'),
        ['api_key', pick(['x', "' OR 1=1 --", 'é'.repeat(300), '%00', ''])],
      ]),
    }),
    () => ({
      label: 'no service code',
      headers: { 'content-type': form },
      body: encode(without('service_code')),
    }),
    () => ({
      label: 'unknown service code',
      headers: { 'content-type': form },
      body: encode([
        ...without('service_code'),
        ['service_code', `nope-${Math.floor(rand() * 1e6)}`],
      ]),
    }),
    () => ({
      label: 'huge service code',
      headers: { 'content-type': form },
      body: encode([...without('service_code'), ['service_code', 'x'.repeat(5000)]]),
    }),
    () => ({
      label: 'no location',
      headers: { 'content-type': form },
      body: encode(valid.filter(([k]) => k !== 'lat' && k !== 'long')),
    }),
    () => ({ label: 'lat only', headers: { 'content-type': form }, body: encode(without('long')) }),
    () => ({
      label: 'lat wrong type',
      headers: { 'content-type': form },
      body: encode([
        ...without('lat'),
        ['lat', pick(['north', '1e999', 'NaN', '91', '-90.5', '0x10', '[]', '{"a":1}', 'true'])],
      ]),
    }),
    () => ({
      label: 'long wrong type',
      headers: { 'content-type': form },
      body: encode([...without('long'), ['long', pick(['west', 'Infinity', '181', '--1', '1,5'])]]),
    }),
    () => ({
      label: 'huge description',
      headers: { 'content-type': form },
      body: encode([...valid, ['description', 'd'.repeat(4001 + Math.floor(rand() * 10000))]]),
    }),
    () => ({
      label: 'bad email',
      headers: { 'content-type': form },
      body: encode([
        ...valid,
        ['email', pick(['nobody', '@x', 'a@b', 'a b@c.de', 'x'.repeat(400) + '@x.org'])],
      ]),
    }),
    () => ({
      label: 'bad phone',
      headers: { 'content-type': form },
      body: encode([...valid, ['phone', pick(['call me', '12', '+1'.repeat(30), '<script>'])]]),
    }),
    () => ({
      label: 'bad media url',
      headers: { 'content-type': form },
      body: encode([
        ...valid,
        [
          'media_url',
          pick(['not a url', 'javascript:alert(1)', 'ftp://x/y', 'http://' + 'x'.repeat(3000)]),
        ],
      ]),
    }),
    () => ({
      label: 'unknown attribute',
      headers: { 'content-type': form },
      body: encode([...valid, [`attribute[${pick(['NOPE', 'size', '1st', '<x>'])}]`, 'v']]),
    }),
    () => ({
      label: 'malformed attribute',
      headers: { 'content-type': form },
      body: encode([
        ...valid,
        [pick(['attribute[]', 'attribute[a', 'attribute[a][b]', 'attribute']), 'v'],
      ]),
    }),
    () => ({
      label: 'attribute twice',
      headers: { 'content-type': form },
      body: encode([...valid, ['attribute[size]', 'a'], ['attribute[size]', 'b']]),
    }),
    () => ({
      label: 'too many attributes',
      headers: { 'content-type': form },
      body: encode([
        ...valid,
        ...Array.from({ length: 101 }, (_, i) => [`attribute[a${i}]`, 'v'] as [string, string]),
      ]),
    }),
    () => ({
      label: 'duplicate service code',
      headers: { 'content-type': form },
      body: encode([...valid, ['service_code', 'pothole']]),
    }),
    () => ({
      label: 'bad percent escape',
      headers: { 'content-type': form },
      body: `${encode(valid)}&description=${pick(['100%', '%zz', '%E2%82', '%C0%AF', '%FF'])}`,
    }),
    () => ({
      label: 'bad utf-8 bytes',
      headers: { 'content-type': form },
      body: new Uint8Array([
        ...new TextEncoder().encode(`${encode(valid)}&description=`),
        0xff,
        0xfe,
        0xc3,
      ]),
    }),
    () => ({
      label: 'json body',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(valid)),
    }),
    () => ({
      label: 'broken json body',
      headers: { 'content-type': 'application/json' },
      body: '{"api_key": ',
    }),
    () => ({ label: 'text body', headers: { 'content-type': 'text/plain' }, body: encode(valid) }),
    () => ({ label: 'empty body', headers: { 'content-type': form }, body: '' }),
    () => ({
      label: 'wrong jurisdiction',
      headers: { 'content-type': form },
      body: encode([...valid, ['jurisdiction_id', pick(['elsewhere', 'x'.repeat(200)])]]),
    }),
    () => ({
      label: 'first name too long',
      headers: { 'content-type': form },
      body: encode([...valid, ['first_name', 'n'.repeat(201)]]),
    }),
    () => ({
      label: 'address too long',
      headers: { 'content-type': form },
      body: encode([
        ...without('lat').filter(([k]) => k !== 'long'),
        ['address_string', 'a'.repeat(501)],
      ]),
    }),
    () => ({
      label: 'oversized body',
      headers: { 'content-type': form },
      body: `${encode(valid)}&description=${'x'.repeat(1_100_000)}`,
    }),
  ];
  return Array.from({ length: n }, (_, i) => {
    const format = i % 3 === 0 ? 'xml' : 'json';
    const breaker = breakers[i % breakers.length];
    const post = breaker(format);
    // Every fifth one also posts to a resource that does not take POSTs, or an unknown format.
    const path =
      i % 37 === 5 ? pick(['services.json', 'tokens.xml', 'requests.html']) : `requests.${format}`;
    return { ...post, path };
  });
}
