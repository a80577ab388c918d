import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  graphql,
  startTestOtlpReceiver,
  waitFor,
  type ReceivedSpan,
  type TestOtlpReceiver,
} from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

// OTLP's span kinds.
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * OpenTelemetry traces (issue 12, target 10; docs/adr/0079), with every service a process sending
 * OTLP/HTTP to a collector on loopback: one report submitted through the gateway is one trace,
 * from the gateway's request through intake, the bus and every consumer down the line.
 */
describe('one trace from the gateway to every consumer (whole platform)', () => {
  let receiver: TestOtlpReceiver;
  let e2e: E2ePlatform;
  let ticketNumber: string;

  beforeAll(async () => {
    receiver = await startTestOtlpReceiver();
    e2e = await startE2ePlatform({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // The SDK's own variable: batches sent every 200 ms instead of 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    ({ ticketNumber } = await e2e.submitRouted(
      aSubmitServiceRequestInput('pothole')
        .describedAs('Traced pothole')
        .withReporter({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana.traced@example.org' })
        .build(),
    ));
  });

  afterAll(async () => {
    await e2e?.dispose();
    await receiver?.close();
  });

  /** The spans of the submission's trace once `expected` holds of them. */
  const submissionTrace = (what: string, expected: (spans: ReceivedSpan[]) => boolean) =>
    waitFor(
      async () => {
        const root = receiver.spans.find(
          (s) => s.service === 'gateway' && s.name === 'mutation submitServiceRequest',
        );
        const spans = root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
        return root && expected(spans) ? { root, spans } : undefined;
      },
      { what },
    );

  const one = (spans: ReceivedSpan[], service: string, name: string, consumer?: string) => {
    const found = spans.filter(
      (s) =>
        s.service === service &&
        s.name === name &&
        (consumer === undefined || s.attributes['messaging.consumer.group.name'] === consumer),
    );
    expect(found.map((s) => `${s.service} ${s.name}`)).toEqual([`${service} ${name}`]);
    return found[0];
  };

  /** Each consumer's span of an event, as `[service, durable]`, down the submission's path. */
  const CONSUMERS: [subject: string, consumers: [string, string][]][] = [
    ['intake.evt.submission-accepted.v1', [['cases', 'cases-submission-accepted']]],
    [
      'cases.evt.case-opened.v1',
      [
        ['routing', 'routing-case-opened'],
        ['citizens', 'citizens-notify-case-opened'],
        ['analytics', 'analytics-case-opened'],
        ['intake', 'intake-case-opened-citizen'],
        ['intake', 'intake-case-opened-erasure'],
      ],
    ],
    [
      'routing.evt.case-routed.v1',
      [
        ['cases', 'cases-case-routed'],
        ['citizens', 'citizens-notify-case-routed'],
        ['analytics', 'analytics-case-routed'],
      ],
    ],
  ];
  const hasEveryConsumer = (spans: ReceivedSpan[]) =>
    CONSUMERS.every(([subject, consumers]) =>
      consumers.every(([service, durable]) =>
        spans.some(
          (s) =>
            s.service === service &&
            s.name === `process ${subject}` &&
            s.attributes['messaging.consumer.group.name'] === durable &&
            s.attributes['civitas.consumer.outcome'] === 'applied',
        ),
      ),
    );

  /** The span of the delivery that applied `subject` in `service` (one consumer of it there). */
  const applied = (spans: ReceivedSpan[], service: string, subject: string) => {
    const found = spans.filter(
      (s) =>
        s.service === service &&
        s.name === `process ${subject}` &&
        s.attributes['civitas.consumer.outcome'] === 'applied',
    );
    expect(found.map((s) => `${s.service} ${s.name}`)).toEqual([`${service} process ${subject}`]);
    return found[0];
  };

  it('starts at the gateway, passes to intake by traceparent, and onto the bus from the request', async () => {
    const { root, spans } = await submissionTrace(
      'the gateway, intake and its event in one trace',
      (spans) =>
        spans.some((s) => s.service === 'intake' && s.name.startsWith('send intake.evt')) &&
        spans.some((s) => s.service === 'gateway' && s.name === 'gateway.fetch'),
    );
    expect(root).toMatchObject({ kind: SERVER, parentSpanId: '' });
    expect(root.attributes['url.path']).toBe('/graphql');

    const intake = one(spans, 'intake', 'mutation submitServiceRequest');
    expect(intake.kind).toBe(SERVER);
    const fetch = spans.find((s) => s.spanId === intake.parentSpanId);
    expect(fetch).toMatchObject({ service: 'gateway', name: 'gateway.fetch' });
    expect(fetch?.attributes.service).toBe('intake');

    // The event is written in the request's transaction: its creation is a child of the request.
    const created = one(spans, 'intake', 'create intake.evt.submission-accepted.v1');
    expect(created).toMatchObject({ kind: PRODUCER, parentSpanId: intake.spanId });
    // The outbox relay sends it later, outside the request, still under the same parent.
    const sent = one(spans, 'intake', 'send intake.evt.submission-accepted.v1');
    expect(sent).toMatchObject({ kind: PRODUCER, parentSpanId: created.spanId });
  });

  it('reaches every consumer down the line, each a child of the span that created its event', async () => {
    const { spans } = await submissionTrace("every consumer's span", hasEveryConsumer);
    for (const [subject, consumers] of CONSUMERS) {
      const emitter = subject.split('.')[0];
      const created = one(spans, emitter, `create ${subject}`);
      for (const [service, durable] of consumers) {
        // An event handled before the one it depends on is retried: a span per delivery.
        const deliveries = spans.filter(
          (s) =>
            s.service === service &&
            s.name === `process ${subject}` &&
            s.attributes['messaging.consumer.group.name'] === durable,
        );
        expect(deliveries.map((d) => ({ durable, kind: d.kind, parent: d.parentSpanId }))).toEqual(
          deliveries.map(() => ({ durable, kind: CONSUMER, parent: created.spanId })),
        );
        expect(
          deliveries.filter((d) => d.attributes['civitas.consumer.outcome'] === 'applied'),
        ).toHaveLength(1);
      }
    }
    // What a consumer emits is a child of its handling: case-opened of cases' handling, and so on.
    expect(one(spans, 'cases', 'create cases.evt.case-opened.v1').parentSpanId).toBe(
      applied(spans, 'cases', 'intake.evt.submission-accepted.v1').spanId,
    );
    expect(one(spans, 'routing', 'create routing.evt.case-routed.v1').parentSpanId).toBe(
      applied(spans, 'routing', 'cases.evt.case-opened.v1').spanId,
    );
  });

  it("follows cases' request to citizens (request/reply) inside the consumer's span", async () => {
    const { spans } = await submissionTrace(
      'the resolve-identity request and its answer',
      (spans) =>
        spans.some((s) => s.service === 'citizens' && s.name.startsWith('process citizens.cmd')),
    );
    const handling = applied(spans, 'cases', 'intake.evt.submission-accepted.v1');
    const request = one(spans, 'cases', 'send citizens.cmd.resolve-identity.v1');
    expect(request).toMatchObject({ kind: CLIENT, parentSpanId: handling.spanId });
    const answer = one(spans, 'citizens', 'process citizens.cmd.resolve-identity.v1');
    expect(answer).toMatchObject({ kind: SERVER, parentSpanId: request.spanId });
  });

  it('traces an Open311 POST the same way: from the gateway through the graph to intake and the bus', async () => {
    const created = await graphql<{ createApiKey: { key: string } }>(
      e2e.platform.gatewayUrl,
      'mutation { createApiKey(input: { name: "traced app" }) { key } }',
      {},
      { authorization: `Bearer ${await e2e.token(Role.Admin)}` },
    );
    const res = await fetch(`${e2e.platform.baseUrl('gateway')}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: created.data!.createApiKey.key,
        service_code: 'pothole',
        address_string: '1 Centre St',
        description: 'Traced through Open311',
      }).toString(),
    });
    expect(res.status).toBe(200);
    const { root, spans } = await waitFor(
      async () => {
        const root = receiver.spans.find(
          (s) =>
            s.service === 'gateway' && s.attributes['url.path'] === '/open311/v2/requests.json',
        );
        const spans = root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
        return spans.some((s) => s.name === 'send intake.evt.submission-accepted.v1')
          ? { root, spans }
          : undefined;
      },
      { what: 'the Open311 submission in one trace' },
    );
    expect(root).toMatchObject({ name: 'POST /open311', kind: SERVER, parentSpanId: '' });
    const intake = one(spans, 'intake', 'mutation submitServiceRequest');
    expect(spans.find((s) => s.spanId === intake.parentSpanId)?.name).toBe('gateway.fetch');
    expect(one(spans, 'intake', 'create intake.evt.submission-accepted.v1').parentSpanId).toBe(
      intake.spanId,
    );
  });

  it('keeps the trace whole: every span but the root has its parent in the trace', async () => {
    const { spans } = await submissionTrace('every parent of the trace exported', (spans) => {
      const ids = new Set(spans.map((s) => s.spanId));
      return (
        hasEveryConsumer(spans) &&
        spans.every((s) => s.parentSpanId === '' || ids.has(s.parentSpanId))
      );
    });
    expect(spans.filter((s) => s.parentSpanId === '')).toHaveLength(1);
    // Nothing personal in any span: the reporter's address is not in the trace.
    expect(JSON.stringify(spans)).not.toContain('ana.traced@example.org');
    expect(ticketNumber).toMatch(/^SR-/);
  });
});
