import { randomUUID } from 'node:crypto';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  INVALID_SPAN_CONTEXT,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { describeError } from './redact.js';

export { SpanKind, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';

/** Where a process sends its traces; see `tracingOptionsOf` for how the environment maps to it. */
export interface TracingOptions {
  service: string;
  /** The full OTLP/HTTP traces URL (`…/v1/traces`). Unset: tracing is off and costs nothing. */
  tracesUrl?: string;
}

/** The OpenTelemetry variables of `ProcessConfig`, as every process has them. */
export interface TracingEnvironment {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SDK_DISABLED?: boolean;
}

/**
 * The standard OpenTelemetry variables, as the specification reads them: the traces endpoint as
 * given, else the base endpoint with `/v1/traces`; none, or `OTEL_SDK_DISABLED=true`: off.
 */
export function tracingOptionsOf(service: string, env: TracingEnvironment): TracingOptions {
  if (env.OTEL_SDK_DISABLED) {
    return { service };
  }
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`
      : undefined);
  return { service, tracesUrl };
}

/** Where a span's parent comes from across a process boundary: W3C trace context fields. */
export interface TraceCarrier {
  traceparent?: string | null;
  tracestate?: string | null;
}

const w3c = new W3CTraceContextPropagator();
/** What every helper hands out while tracing is off: records nothing, carries no context. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
let provider: NodeTracerProvider | undefined;
/**
 * The provider's own tracer, not the global API's proxy: a proxy taken before a `stopTracing`
 * would still hand spans to the provider that stopped.
 */
let tracer: Tracer | undefined;

/**
 * Starts tracing for this process when `tracesUrl` is set: spans are batched and sent by
 * OTLP/HTTP (JSON), and registered globally, so Apollo Gateway's own spans join them. Without a
 * URL nothing is registered and every helper below returns at once. Returns whether it started.
 */
export function startTracing(options: TracingOptions): boolean {
  if (!options.tracesUrl || provider) {
    return provider !== undefined;
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.service,
      'service.namespace': 'civitas',
      'service.instance.id': randomUUID(),
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.tracesUrl }))],
  });
  provider.register({ propagator: w3c });
  tracer = provider.getTracer('civitas');
  return true;
}

/** Sends what is still batched and stops tracing (a process's shutdown hook calls it). */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  if (!stopping) {
    return;
  }
  provider = undefined;
  tracer = undefined;
  await stopping.shutdown().catch(() => undefined);
  trace.disable();
  context.disable();
  propagation.disable();
}

/** A Nest provider that sends the spans still batched when the application shuts down. */
export class TracingShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** The `traceparent` of the span in hand, for an envelope; undefined when tracing is off. */
export function currentTraceparent(): string | undefined {
  if (!provider) {
    return undefined;
  }
  const carrier: TraceCarrier = {};
  w3c.inject(context.active(), carrier, defaultTextMapSetter);
  return carrier.traceparent ?? undefined;
}

/** Sets `traceparent` (and `tracestate`) for the span in hand on outgoing HTTP headers. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  if (!provider) {
    return;
  }
  const carrier: Record<string, string> = {};
  w3c.inject(context.active(), carrier, defaultTextMapSetter);
  for (const [name, value] of Object.entries(carrier)) {
    set(name, value);
  }
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /**
   * The parent from another process (an envelope's or a request's trace context). Absent: the
   * span in hand. `null`: a new trace, whatever is in hand (the public edge).
   */
  parent?: TraceCarrier | null;
}

/** A started span and the context in which work becomes its children. */
export interface StartedSpan {
  span: Span;
  run<T>(fn: () => T): T;
}

/** Starts a span the caller ends (`span.end()`); `run` makes it the parent of what `fn` does. */
export function startSpan(name: string, options: SpanOptions = {}): StartedSpan {
  if (!tracer) {
    return { span: NO_SPAN, run: (fn) => fn() };
  }
  const parentContext = parentOf(options.parent);
  const span = tracer.startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parentContext,
  );
  const spanContext = trace.setSpan(parentContext, span);
  return { span, run: (fn) => context.with(spanContext, fn) };
}

/**
 * Runs `fn` in a span that ends when it returns (or its promise settles); a throw is recorded on
 * the span as an error and thrown on.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => T): T {
  if (!provider) {
    return fn(NO_SPAN);
  }
  const { span, run } = startSpan(name, options);
  let result: T;
  try {
    result = run(() => fn(span));
  } catch (error) {
    failSpan(span, error);
    span.end();
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

/**
 * Marks a span failed with what was thrown, described as the logs describe it (class, masked
 * message, a database error's code and constraint, never its parameters: docs/adr/0049).
 */
export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) {
    return;
  }
  const described = describeError(error, { stack: false });
  const message = described.message ?? described.code ?? described.class;
  span.recordException({ name: described.class, message });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

function parentOf(parent: TraceCarrier | null | undefined): Context {
  if (parent === undefined) {
    return context.active();
  }
  if (parent === null || !parent.traceparent) {
    return ROOT_CONTEXT;
  }
  return w3c.extract(ROOT_CONTEXT, parent, defaultTextMapGetter);
}
