import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

/** Neither test reaches a subgraph: both are answered at the Open311 edge. */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { nothing: String }
`;

/** A request with a Host header of our choosing (fetch does not let a caller set Host). */
function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const options = { headers, method: body === undefined ? 'GET' : 'POST' };
    const req = httpRequest(`${base}${path}`, options, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the Open311 edge', () => {
  let gateway: TestGateway;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    const composed = composeServices([
      { name: 'cases', typeDefs: parse(SDL), url: 'http://127.0.0.1:1/graphql' },
    ]);
    if (composed.errors) {
      throw new Error(composed.errors.map((e) => e.message).join('\n'));
    }
    dir = mkdtempSync(join(tmpdir(), 'open311-edge-spec-'));
    writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
    gateway = await startTestGateway({
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      PUBLIC_URL: 'https://311.example.gov/',
    });
    base = gateway.base;
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes discovery URLs from PUBLIC_URL, whatever Host the request names', async () => {
    const res = await get(base, '/open311/discovery.json', { host: 'attacker.example' });
    expect(res.status).toBe(200);
    expect((res.body as { endpoints: { url: string }[] }).endpoints[0].url).toBe(
      'https://311.example.gov/open311/v2',
    );
    expect(JSON.stringify(res.body)).not.toContain('attacker.example');
  });

  it.each([
    [
      'service_code[$ne]=x',
      'service_code[$ne] is not an Open311 parameter: send service_code=value',
    ],
    ['status[]=open', 'status[] is not an Open311 parameter: send status=value'],
    ['status[0]=open&status[1]=closed', 'status[0] is not an Open311 parameter'],
  ])('refuses %s with a 400 naming the parameter, not an unfiltered list', async (query, words) => {
    const res = await get(base, `/open311/v2/requests.json?${query}`);
    expect(res.status).toBe(400);
    const errors = res.body as { code: number; description: string }[];
    expect(errors[0].code).toBe(400);
    expect(errors[0].description).toContain(words);
  });

  it.each([
    ['GET', '/open311/v2/requests.json?service_code=%00', 'service_code'],
    ['GET', '/open311/v2/services/%00.json', 'service_code (in the path)'],
    ['GET', '/open311/v2/requests/SR%01.json', 'service_request_id (in the path)'],
    ['GET', '/open311/v2/requests.json?status=open%1Bx', 'status'],
    ['POST', 'description=probe%00nul&service_code=pothole&email=ana%40example.org', 'description'],
  ])(
    'answers %s %s with a 400 naming the parameter with the control character',
    async (method, target, parameter) => {
      const res =
        method === 'GET'
          ? await get(base, target)
          : await get(
              base,
              '/open311/v2/requests.json',
              { 'content-type': 'application/x-www-form-urlencoded' },
              target,
            );
      expect(res.status).toBe(400);
      const errors = res.body as { code: number; description: string }[];
      expect(errors).toEqual([
        {
          code: 400,
          description: expect.stringMatching(
            new RegExp(
              `^${parameter.replace(/[()]/g, '\\$&')} must not contain control characters`,
            ),
          ),
        },
      ]);
      // The submitted text is not echoed back, nor the reporter's address.
      expect(JSON.stringify(res.body)).not.toMatch(/probe|example\.org/);
    },
  );

  it.each(['/open311/v2/services/%ff.json', '/open311/v2/requests/%E0%A4%A.json'])(
    'answers a path that is not valid percent-encoding (%s) with an Open311 400',
    async (path) => {
      const res = await get(base, path);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([
        { code: 400, description: 'The path is not valid percent-encoding (RFC 3986, UTF-8)' },
      ]);
    },
  );

  it('keeps tabs and line breaks in free text', async () => {
    const res = await get(
      base,
      '/open311/v2/requests.json',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'description=line%0D%0Aand%09tab',
    );
    // Past the edge: refused for the missing service_code and api_key, not for the text.
    expect(JSON.stringify(res.body)).not.toContain('control characters');
  });
});
