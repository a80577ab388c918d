// What tracing costs per event in a process (docs/adr/0079): the work libs/messaging does for one
// consumed event that emits one event (a CONSUMER span from the envelope's traceparent, a PRODUCER
// span around the emit, the traceparent read for the new envelope), timed off and on. "On" sends
// every span by OTLP/HTTP JSON to a receiver on loopback that reads and discards the body, and
// counts the CPU of the export too (the run ends when the last batch is answered).
// Usage: npm run build && node bench/tracing/run.mjs   (BENCH_EVENTS, default 100000; BENCH_LABEL)
import { spawn } from 'node:child_process';
import { calibrate, log, machine, round1, writeResult } from '../lib/harness.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CHUNK = 250;
// Read by the SDK: let every span wait for export instead of dropping past 2048, so all are paid for.
process.env.OTEL_BSP_MAX_QUEUE_SIZE = String(EVENTS * 2 + 1000);
process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE = '512';
process.env.OTEL_BSP_SCHEDULE_DELAY = '100';

const tracing = await import('../../libs/observability/dist/index.js');
const { currentTraceparent, inSpan, SpanKind, startSpan, startTracing, stopTracing } = tracing;

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** One consumed event that emits one, as EventConsumers and Transaction.emitAll trace it. */
function oneEvent() {
  const processing = startSpan('process cases.evt.case-opened.v1', {
    kind: SpanKind.CONSUMER,
    parent: { traceparent: PARENT },
    attributes: {
      'messaging.system': 'nats',
      'messaging.consumer.group.name': 'routing-case-opened',
    },
  });
  processing.run(() =>
    inSpan('create routing.evt.case-routed.v1', { kind: SpanKind.PRODUCER }, () =>
      currentTraceparent(),
    ),
  );
  processing.span.setAttribute('civitas.consumer.outcome', 'applied');
  processing.span.end();
}

async function run(label) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < EVENTS; done += CHUNK) {
    for (let i = 0; i < CHUNK; i++) {
      oneEvent();
    }
    // Paced, as a consumer's batches are: the exporter sends a few batches at once and drops the
    // rest, so an unpaced loop would measure dropped spans, not exported ones (spansReceived).
    await new Promise((r) => setTimeout(r, 20));
  }
  await stopTracing();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const result = {
    events: EVENTS,
    wallMs: round1(performance.now() - started),
    cpuMs: round1(cpuMs),
    cpuMicrosPerEvent: Number(((cpuMs * 1000) / EVENTS).toFixed(2)),
  };
  log(label, JSON.stringify(result));
  return result;
}

// The collector is another process, so this one's CPU is the export's alone; it counts the spans.
const RECEIVER = `
  import { createServer } from 'node:http';
  let spans = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/count') return res.end(String(spans));
      spans += Buffer.concat(chunks).toString().split('"spanId"').length - 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const receiver = spawn(process.execPath, ['--input-type=module', '-e', RECEIVER], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((r) =>
  receiver.stdout.once('data', (d) => r(Number(String(d).trim()))),
);
const url = `http://127.0.0.1:${port}/v1/traces`;
const receivedSpans = async () =>
  Number(await (await fetch(`http://127.0.0.1:${port}/count`)).text());

const calibration = calibrate();
// Warm up both paths first (JIT), untimed.
startTracing({ service: 'bench' });
for (let i = 0; i < 5000; i++) {
  oneEvent();
}
const off = await run('tracing off');
startTracing({ service: 'bench', tracesUrl: url });
for (let i = 0; i < 5000; i++) {
  oneEvent();
}
await stopTracing();
startTracing({ service: 'bench', tracesUrl: url });
const spansBefore = await receivedSpans();
const on = await run('tracing on, exported');
const spansReceived = (await receivedSpans()) - spansBefore;
const result = {
  date: new Date().toISOString(),
  machine: machine(),
  calibration: calibration.finish(),
  spansPerEvent: 2,
  off,
  on: { ...on, spansReceived },
};
receiver.kill();
writeResult('tracing', process.env.BENCH_LABEL, result);
