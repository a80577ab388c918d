import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { startTestOtlpReceiver, type TestOtlpReceiver } from '@civitas/testing';
import {
  currentTraceparent,
  injectTraceHeaders,
  inSpan,
  SpanKind,
  startSpan,
  startTracing,
  stopTracing,
  tracingOptionsOf,
} from './tracing.js';

const REMOTE_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const REMOTE_PARENT = `00-${REMOTE_TRACE}-00f067aa0ba902b7-01`;

describe('tracingOptionsOf', () => {
  it('sends to <endpoint>/v1/traces, or to the traces endpoint as given, which wins', () => {
    expect(
      tracingOptionsOf('cases', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }),
    ).toEqual({ service: 'cases', tracesUrl: 'http://collector:4318/v1/traces' });
    expect(
      tracingOptionsOf('cases', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces',
      }).tracesUrl,
    ).toBe('http://tempo:4318/v1/traces');
  });

  it('is off without an endpoint, and with OTEL_SDK_DISABLED whatever the endpoint', () => {
    expect(tracingOptionsOf('cases', {}).tracesUrl).toBeUndefined();
    expect(
      tracingOptionsOf('cases', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_SDK_DISABLED: true,
      }).tracesUrl,
    ).toBeUndefined();
  });
});

// In this order: tracing cannot be switched off again for what was registered while it was on.
describe('tracing', () => {
  let receiver: TestOtlpReceiver;
  beforeAll(async () => {
    receiver = await startTestOtlpReceiver();
  });
  afterAll(async () => {
    await stopTracing();
    await receiver.close();
  });

  it('with no endpoint records nothing, registers nothing and puts no traceparent anywhere', () => {
    expect(startTracing(tracingOptionsOf('intake', {}))).toBe(false);
    const headers: Record<string, string> = {};
    const seen = inSpan('work', { kind: SpanKind.SERVER }, (span) => {
      injectTraceHeaders((name, value) => (headers[name] = value));
      return { recording: span.isRecording(), traceparent: currentTraceparent() };
    });
    expect(seen).toEqual({ recording: false, traceparent: undefined });
    expect(headers).toEqual({});
    // An incoming trace is not passed on either: a service without tracing is where it stops.
    const consumer = startSpan('process', { parent: { traceparent: REMOTE_PARENT } });
    expect(consumer.span.isRecording()).toBe(false);
    expect(consumer.run(() => currentTraceparent())).toBeUndefined();
    // Nothing global either, so Apollo Gateway's own spans are not recorded.
    expect(trace.getTracer('apollo').startSpan('gateway.request').isRecording()).toBe(false);
  });

  it('with an endpoint sends every span there, children under their parents', async () => {
    expect(
      startTracing(tracingOptionsOf('intake', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })),
    ).toBe(true);
    let outerParent: string | undefined;
    await inSpan('outer', { kind: SpanKind.SERVER }, async () => {
      outerParent = currentTraceparent();
      inSpan('inner', { kind: SpanKind.PRODUCER }, () => undefined);
    });
    const consumer = startSpan('process', {
      kind: SpanKind.CONSUMER,
      parent: { traceparent: REMOTE_PARENT },
    });
    consumer.span.end();
    expect(() =>
      inSpan('failing', {}, () => {
        throw new Error('refused for maria@resident.example');
      }),
    ).toThrow('refused');
    await stopTracing(); // sends what is batched, and waits for the collector's answer

    const byName = new Map(receiver.spans.map((s) => [s.name, s]));
    const outer = byName.get('outer')!;
    expect(outer).toMatchObject({ service: 'intake', parentSpanId: '', kind: 2 });
    expect(outerParent).toBe(`00-${outer.traceId}-${outer.spanId}-01`);
    expect(byName.get('inner')).toMatchObject({
      traceId: outer.traceId,
      parentSpanId: outer.spanId,
      kind: 4,
    });
    expect(byName.get('process')).toMatchObject({
      traceId: REMOTE_TRACE,
      parentSpanId: '00f067aa0ba902b7',
      kind: 5,
    });
    expect(byName.get('failing')?.statusCode).toBe(2);
    expect(JSON.stringify(receiver.spans)).not.toContain('maria@resident.example');
    expect(receiver.spans).toHaveLength(4);
  });

  it('started again after a stop, sends to the new exporter (a bench and tests restart it)', async () => {
    expect(
      startTracing(tracingOptionsOf('cases', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })),
    ).toBe(true);
    inSpan('again', {}, () => undefined);
    await stopTracing();
    expect(receiver.spans.filter((s) => s.name === 'again').map((s) => s.service)).toEqual([
      'cases',
    ]);
  });
});
