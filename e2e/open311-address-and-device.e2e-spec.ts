import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import { graphql, queryRows, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

/**
 * Open311 `address_id` and `device_id` through the gateway, with every service a process: the
 * address id is kept with the request and read back (it is a response field of GeoReport v2), the
 * device id is kept sealed with the submission and never read back; values too long are refused
 * with Open311 error bodies and nothing is written.
 */
describe('Open311 address_id and device_id (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  let base: string;
  let apiKey: string;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    base = `${e2e.platform.baseUrl('gateway')}/open311/v2`;
    const created = await graphql<{ createApiKey: { key: string } }>(
      e2e.platform.gatewayUrl,
      'mutation { createApiKey(input: { name: "address app" }) { key } }',
      {},
      { authorization: `Bearer ${await e2e.token(Role.Admin)}` },
    );
    apiKey = created.data!.createApiKey.key;
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  async function call(path: string, form?: Record<string, string>): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method: form ? 'POST' : 'GET',
      ...(form
        ? {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          }
        : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      json: (res.headers.get('content-type') ?? '').startsWith('application/json')
        ? JSON.parse(text)
        : undefined,
    };
  }

  const readable = (ticket: string) =>
    waitFor(
      async () => {
        const answer = await call(`/requests/${ticket}.json?extensions=true`);
        return answer.status === 200 ? (answer.json as Record<string, unknown>[])[0] : undefined;
      },
      { what: `request ${ticket}` },
    );

  const intakeRows = <T>(sql: string, params: unknown[] = []) =>
    queryRows<T>(e2e.databaseUrlOf('intake'), sql, params);

  it('keeps an address id given as the only location and reads it back; keeps the device id sealed, never shown', async () => {
    const posted = await call('/requests.json', {
      api_key: apiKey,
      service_code: 'graffiti',
      address_id: 'MAR-545483',
      device_id: 'ios-7D1C-0042',
      description: 'Tag on the underpass',
    });
    expect(posted.status).toBe(200);
    const [{ service_request_id: ticket }] = posted.json as { service_request_id: string }[];

    const request = await readable(ticket);
    expect(request).toMatchObject({ address_id: 'MAR-545483', address: null, lat: null });
    expect(posted.text + JSON.stringify(request)).not.toContain('ios-7D1C-0042');
    const xml = await call(`/requests/${ticket}.xml`);
    expect(xml.text).toContain('<address_id>MAR-545483</address_id>');
    expect(xml.text).not.toContain('ios-7D1C-0042');

    // With an address as well, both are kept.
    const both = await call('/requests.json', {
      api_key: apiKey,
      service_code: 'graffiti',
      address_string: '200 Underpass Rd',
      address_id: 'MAR-545484',
    });
    const [{ service_request_id: second }] = both.json as { service_request_id: string }[];
    expect(await readable(second)).toMatchObject({
      address: '200 Underpass Rd',
      address_id: 'MAR-545484',
    });

    // The device id is with the submission, sealed: readable only with intake's keys.
    const [row] = await intakeRows<{ payload_sealed: string }>(
      'SELECT payload_sealed FROM submission WHERE ticket_number = $1',
      [ticket],
    );
    expect(row.payload_sealed).not.toContain('ios-7D1C-0042');
    const cipher = piiCipherFrom(e2e.platform.secrets.PII_KEYS, e2e.platform.secrets.PII_HASH_KEY);
    expect(JSON.parse(cipher.decrypt(row.payload_sealed))).toMatchObject({
      deviceId: 'ios-7D1C-0042',
      location: { addressId: 'MAR-545483' },
    });
  });

  it('refuses an address_id or device_id over 200 characters with an Open311 error body, writing nothing', async () => {
    const submissions = () => e2e.count('intake', 'SELECT count(*) AS n FROM submission');
    const before = await submissions();
    const answer = await call('/requests.json', {
      api_key: apiKey,
      service_code: 'graffiti',
      lat: '40.7',
      long: '-74',
      address_id: 'A'.repeat(201),
      device_id: 'D'.repeat(201),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(
      expect.arrayContaining([
        { code: 400, description: 'address_id must be at most 200 characters (got 201)' },
        { code: 400, description: 'device_id must be at most 200 characters (got 201)' },
      ]),
    );
    const xml = await call('/requests.xml', {
      api_key: apiKey,
      service_code: 'graffiti',
      address_id: 'A'.repeat(201),
    });
    expect(xml.status).toBe(400);
    expect(xml.text).toContain(
      '<error><code>400</code><description>address_id must be at most 200 characters (got 201)</description></error>',
    );
    expect(await submissions()).toBe(before);
  });
});
