import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { CaseStatus, StatusChanged, type StatusChangedV1 } from '@civitas/contracts';
import {
  currentTraceparent,
  inSpan,
  SpanKind,
  startTracing,
  stopTracing,
} from '@civitas/observability';
import {
  aStatusChanged,
  publishEvent,
  startBusTestBed,
  startTestOtlpReceiver,
  waitFor,
  type BusTestBed,
  type TestOtlpReceiver,
} from '@civitas/testing';
import { eventConsumer } from './consumer-declaration.js';
import { OnEvent, type EventContext, type EventHandler } from './decorators.js';

const probe = eventConsumer(StatusChanged, 'traced-status-changed', { deliver: 'all' });

/** The trace context each event was handled in, by ticket number. */
const handledIn = new Map<string, string | undefined>();

@Injectable()
@OnEvent(probe)
class RecordingHandler implements EventHandler<StatusChangedV1> {
  async handle(payload: StatusChangedV1, _context: EventContext<StatusChangedV1>): Promise<void> {
    handledIn.set(payload.ticketNumber, currentTraceparent());
  }
}

const CONSUMER = 5;
const EVENTS = 20;

/**
 * A consumer's span per event (docs/adr/0079), with tracing on in this process and spans sent to
 * an OTLP receiver on loopback: a backlog arrives as batches, and each event in a batch is still
 * handled under a span of its own whose parent is the span its envelope's `traceparent` names.
 */
describe('event consumers: a span per event, a child of its envelope (real Postgres and NATS)', () => {
  let receiver: TestOtlpReceiver;
  let bus: BusTestBed;
  let nc: NatsConnection;
  let namespace: string;
  let moduleRef: TestingModule | undefined;

  const start = async () => {
    moduleRef = await bus.compile({
      service: 'analytics',
      consumers: [probe],
      providers: [RecordingHandler],
    });
    await moduleRef.init();
  };

  beforeAll(async () => {
    receiver = await startTestOtlpReceiver();
    startTracing({ service: 'analytics', tracesUrl: `${receiver.url}/v1/traces` });
    bus = await startBusTestBed('messaging');
    ({ nc, namespace } = bus);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await stopTracing();
    await bus?.close();
    await receiver?.close();
  });

  it('handles each event of a batch under its own span, a child of the sender span', async () => {
    // Streams and the durable consumer first, then a backlog while nothing consumes it.
    await start();
    await moduleRef!.close();
    const senders = new Map<string, string>();
    for (let i = 0; i < EVENTS; i += 1) {
      const ticket = `TR-${i}`;
      await inSpan(`sender ${ticket}`, { kind: SpanKind.PRODUCER }, async () => {
        const event = aStatusChanged().withTicketNumber(ticket).to(CaseStatus.CLOSED).build();
        const envelope = await publishEvent(nc, namespace, StatusChanged, event, { as: 'cases' });
        senders.set(ticket, envelope.traceparent!);
      });
    }
    await start();
    await waitFor(async () => handledIn.size === EVENTS, { what: `${EVENTS} events handled` });
    await moduleRef!.close();
    moduleRef = undefined;
    await stopTracing(); // sends every span still batched and waits for the receiver

    const processed = receiver.spans.filter((s) => s.name === `process ${StatusChanged.subject}`);
    expect(processed).toHaveLength(EVENTS);
    for (const [ticket, traceparent] of senders) {
      const [, traceId, senderSpanId] = traceparent.split('-');
      const span = processed.find((s) => s.traceId === traceId);
      expect(span).toMatchObject({
        kind: CONSUMER,
        parentSpanId: senderSpanId,
        attributes: expect.objectContaining({
          'messaging.consumer.group.name': 'traced-status-changed',
          'civitas.consumer.outcome': 'applied',
        }),
      });
      // The handler ran under that span: what it emits or asks continues this event's trace.
      expect(handledIn.get(ticket)).toBe(`00-${traceId}-${span!.spanId}-01`);
    }
    // The backlog came in batches, and each event of a batch still had a span of its own.
    const batched = processed.filter(
      (s) => Number(s.attributes['messaging.batch.message_count']) > 1,
    );
    expect(batched.length).toBeGreaterThan(1);
  });
});
