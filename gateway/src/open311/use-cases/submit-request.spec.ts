import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGatewayOver, type TestGateway } from '../../testing/test-gateway.js';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

const INTAKE_SDL = `${LINK}
  type Query { apiClientByKey(key: String!): ApiClient }
  type ApiClient { id: ID! name: String! }
  input LocationInput { latitude: Float longitude: Float address: String addressId: String }
  input ReporterInput { firstName: String lastName: String email: String phone: String }
  input AttributeAnswerInput { code: String! values: [String!]! }
  input SubmitServiceRequestInput {
    serviceCode: String! description: String channel: String! location: LocationInput
    reporter: ReporterInput attributes: [AttributeAnswerInput!] mediaUrl: String deviceId: String
  }
  type Receipt { ticketNumber: String! submissionId: String! serviceNotice: String }
  type Mutation { submitServiceRequest(input: SubmitServiceRequestInput!): Receipt! }
`;

const ROUTING_SDL = `${LINK}
  type Query { service(code: String!): Service }
  type Service { code: String! attributes: [ServiceAttribute!]! }
  type ServiceAttribute {
    variable: Boolean! code: String! datatype: String! required: Boolean!
    datatypeDescription: String order: Int description: String values: [AttributeValue!]
  }
  type AttributeValue { key: String! name: String! }
`;

describe('Open311 POST requests: the catalog asked only about answers to check (docs/adr/0076)', () => {
  let gateway: TestGateway;
  let catalogQuestions = 0;
  const submitted: unknown[] = [];

  beforeAll(async () => {
    gateway = await startTestGatewayOver([
      {
        name: 'intake',
        sdl: INTAKE_SDL,
        resolvers: {
          Query: {
            apiClientByKey: (_: unknown, { key }: { key: string }) =>
              key === 'good-key' ? { id: 'client-1', name: 'An app' } : null,
          },
          Mutation: {
            submitServiceRequest: (_: unknown, { input }: { input: unknown }) => {
              submitted.push(input);
              return {
                ticketNumber: 'SR-2026-0000001',
                submissionId: 'sub-1',
                serviceNotice: null,
              };
            },
          },
        },
      },
      {
        name: 'routing',
        sdl: ROUTING_SDL,
        resolvers: {
          Query: {
            service: (_: unknown, { code }: { code: string }) => {
              catalogQuestions++;
              return code === 'pothole'
                ? {
                    code,
                    attributes: [
                      { variable: true, code: 'size', datatype: 'string', required: false },
                    ],
                  }
                : null;
            },
          },
        },
      },
    ]);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const post = async (form: Record<string, string>) => {
    const res = await fetch(`${gateway.base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: 'good-key', lat: '40.7', long: '-74', ...form }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('submits a report without answers straight to intake, which checks its code', async () => {
    catalogQuestions = 0;
    const answer = await post({ service_code: 'pothole', description: 'Deep' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([{ service_request_id: 'SR-2026-0000001', token: 'sub-1' }]);
    expect(catalogQuestions).toBe(0);
    expect(submitted.at(-1)).toMatchObject({ serviceCode: 'pothole', channel: 'OPEN311' });
  });

  it('checks answers against the service definition first, as the standard asks', async () => {
    catalogQuestions = 0;
    const count = submitted.length;
    const refused = await post({ service_code: 'pothole', 'attribute[colour]': 'red' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([
      {
        code: 400,
        description:
          'attribute[colour] is not an attribute of service pothole (its attributes: size)',
      },
    ]);
    const unknown = await post({ service_code: 'nope', 'attribute[size]': 'big' });
    expect(unknown.status).toBe(404);
    expect(submitted).toHaveLength(count);
    expect((await post({ service_code: 'pothole', 'attribute[size]': 'big' })).status).toBe(200);
    expect(catalogQuestions).toBe(3);
  });
});
