// Routing rules benchmark: `npm run bench:routing` (builds first). Issue 10 asks that a routing
// decision over 500 enabled rules take p95 < 5 ms in process. This times routing's own `decide`
// (services/routing/src/routing/use-cases/route-case/route-case.use-case.ts: the code that routes
// live cases, imported history and previewRouting) for one case at a time, over BENCH_RULES (500)
// enabled rules held in memory as the service holds them between saves (RuleBook), with the sample
// catalog and districts in memory too: what is left out is the database round trips a batch makes
// (the catalog, calendars and the rules' revision check, read once per batch, not per rule). Due
// times are computed in business time where the service says so (docs/adr/0054), as live.
// The rules are made to cost the most: every one names the case's service and channel, so each is
// tried down to its keywords against the case's description, and each keyword is a phrase whose
// first word is common in descriptions (so the scan for the phrase is not skipped); a third of the
// cases match no rule (all 500 tried), a third the last rule, a third one in the middle.
// Prints and writes p50/p95/p99/max per decision, CPU per decision, memory, and the time to compile
// the rules (what a save costs the next batch). Calibration, so figures from a busy machine are
// read as such: `uptime`, a fixed CPU loop and `pgbench -S` for 10 s (on DATABASE_URL's Postgres),
// before and after (bench/lib).
// Writes bench/routing-rules/results/<date>.json (BENCH_LABEL adds -<label>).
// Environment: BENCH_RULES (500), BENCH_DECISIONS (20000), BENCH_LABEL, DATABASE_URL,
// BENCH_PGBENCH=0 (no pgbench).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import {
  calibrate,
  DATABASE_URL,
  LABEL,
  log,
  machine,
  percentile,
  root,
  writeResult,
} from '../lib/harness.mjs';

const dist = (path) => join(root, 'services/routing/dist', path);
const env = process.env;
const RULES = Number(env.BENCH_RULES ?? 500);
const DECISIONS = Number(env.BENCH_DECISIONS ?? 20_000);
const WARM_UP = 2_000;
const TARGET_P95_MS = 5;

const { RouteCaseUseCase } = await import(
  dist('routing/use-cases/route-case/route-case.use-case.js')
);
const { RuleBook, RuleSet } = await import(dist('rules/index.js'));
const { DistrictDirectory } = await import(dist('districts/district-directory.js'));
const { SEED_DISTRICTS } = await import(dist('districts/districts.seed.js'));
const { SEED_SERVICES } = await import(dist('catalog/catalog.seed.js'));
const { ServiceLevels, usFederalHolidays } = await import(dist('calendars/index.js'));

// The service's debug logs (rules loaded, districts loaded) are not what is measured.
Logger.overrideLogger(false);
/** A deterministic pseudo-random sequence, so every run times the same rules and cases. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'bache farola acera arbol basura ruido puente escuela hospital parque fuga agua luz semaforo ' +
  'pothole streetlight sidewalk tree trash noise bridge school hospital park leak water light signal ' +
  'corner avenue plaza market station library museum church garden fountain tunnel alley'
).split(' ');
const rnd = random(42);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const CHANNELS = ['WEB', 'MOBILE', 'PHONE', 'OPEN311', 'EMAIL'];
const districts = SEED_DISTRICTS.map((d) => d.code);

/** Rule i: the pothole service, every channel, maybe a district or an answer, 4 phrases no case has. */
function ruleAt(i) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `bench rule ${i}`,
    position: i,
    enabled: true,
    conditions: {
      serviceCodes: ['graffiti', 'pothole', 'sidewalk-repair'],
      districtCodes: i % 3 === 0 ? [...districts] : [],
      channels: ['WEB', 'MOBILE', 'PHONE', 'OPEN311', 'EMAIL'],
      keywords: [0, 1, 2, 3].map((k) => `${pick(WORDS)} zz${i}x${k}`),
      emergency: null,
      attribute: i % 5 === 0 ? { code: 'lane', equals: 'bus' } : null,
    },
    departmentCode: 'streets',
    queueCode: null,
    priority: null,
    slaHours: null,
  };
}
const rules = Array.from({ length: RULES }, (_, i) => ruleAt(i));
// The middle and last rules match a word some cases carry.
// (The middle one is one without a district or attribute condition, as the last is.)
rules[Math.floor(RULES / 2) + 1].conditions.keywords.push('middlematch');
rules[RULES - 1].conditions.keywords.push('lastmatch');

const compileStarted = performance.now();
for (let i = 0; i < 20; i++) {
  new RuleSet(rules);
}
const compileMs = (performance.now() - compileStarted) / 20;

const services = SEED_SERVICES.map((s) => ({
  code: s.code,
  departmentCode: s.department,
  defaultPriority: s.priority,
  targetHours: s.targetHours,
  slaClock: s.slaClock ?? 'CALENDAR',
}));
// The seeded default calendar (docs/adr/0054): every department's until an admin sets another.
const defaultCalendar = {
  code: 'default',
  timeZone: 'America/New_York',
  hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({
    day,
    opens: '08:00',
    closes: '17:00',
  })),
  holidays: [...usFederalHolidays(2026), ...usFederalHolidays(2027)],
};
const fakes = {
  CatalogRepository: {
    servicesByCodes: async (codes) => services.filter((s) => codes.includes(s.code)),
  },
  DistrictDirectory: new DistrictDirectory({
    active: async () => SEED_DISTRICTS.map((d) => ({ ...d, active: true })),
  }),
  CaseRoutingRepository: {},
  // Arms escalation deadlines when a live case is routed; `decide` writes nothing.
  SlaDeadlineRepository: {},
  // Applies a status change heard before routing (docs/adr/0080) when a case is routed; not in `decide`.
  SettleDeadlinesUseCase: {},
  ServiceLevels: new ServiceLevels({
    withDepartments: async () => ({
      calendars: new Map([['default', defaultCalendar]]),
      departments: new Map(),
    }),
  }),
  RuleBook: new RuleBook({ revision: async () => 1, enabled: async () => rules }),
};
// Built from its constructor's parameter types, so a dependency added later is named, not missed.
const params = Reflect.getMetadata('design:paramtypes', RouteCaseUseCase) ?? [];
const useCase = new RouteCaseUseCase(
  ...params.map((type) => {
    const fake = fakes[type.name];
    if (!fake) {
      throw new Error(`bench/routing-rules: no stand-in for ${type.name}; add one to \`fakes\``);
    }
    return fake;
  }),
);

function caseAt(i) {
  const words = Array.from({ length: 30 }, () => pick(WORDS));
  const tail = i % 3 === 0 ? '' : i % 3 === 1 ? ' lastmatch' : ' middlematch';
  return {
    caseId: '00000000-0000-4000-8000-000000000001',
    ticketNumber: 'BENCH',
    submissionId: '00000000-0000-4000-8000-000000000002',
    serviceCode: 'pothole',
    channel: pick(CHANNELS),
    reporterId: null,
    description: `${words.join(' ')}${tail}`,
    location: {
      latitude: 40.7128 + (rnd() - 0.5) * 0.05,
      longitude: -74.006 + (rnd() - 0.5) * 0.05,
    },
    attributes: { lane: rnd() < 0.5 ? 'bus' : 'car' },
    emergency: false,
    openedAt: new Date().toISOString(),
  };
}
const cases = Array.from({ length: 1_000 }, (_, i) => caseAt(i));

const calibration = calibrate({ databaseUrl: DATABASE_URL });
log(`${RULES} rules compiled in ${compileMs.toFixed(2)} ms`);

const matched = { none: 0, middle: 0, last: 0 };
for (let i = 0; i < WARM_UP; i++) {
  await useCase.decide([cases[i % cases.length]]);
}
const times = new Float64Array(DECISIONS);
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let i = 0; i < DECISIONS; i++) {
  const c = cases[i % cases.length];
  const started = performance.now();
  const [decision] = await useCase.decide([c]);
  times[i] = performance.now() - started;
  const name = decision.ruleName;
  if (name === null) {
    matched.none += 1;
  } else if (name === `bench rule ${RULES - 1}`) {
    matched.last += 1;
  } else {
    matched.middle += 1;
  }
}
const wallMs = performance.now() - wallStart;
const cpu = process.cpuUsage(cpuStart);
const memory = process.memoryUsage();

const calibrated = calibration.finish();

const sorted = Array.from(times).sort((a, b) => a - b);
const at = (p) => Number(percentile(sorted, p).toFixed(3));
const latency = {
  p50: at(50),
  p95: at(95),
  p99: at(99),
  max: Number(sorted.at(-1).toFixed(3)),
};
const cpuPerDecisionMs = Number(((cpu.user + cpu.system) / 1000 / DECISIONS).toFixed(4));
log(`${DECISIONS} decisions over ${RULES} enabled rules (${JSON.stringify(matched)})`);
log(`latency ms: p50 ${latency.p50}, p95 ${latency.p95}, p99 ${latency.p99}, max ${latency.max}`);
log(
  `CPU per decision: ${cpuPerDecisionMs} ms; ${(DECISIONS / (wallMs / 1000)).toFixed(0)} decisions/s`,
);
log(
  `memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
log(
  `p95 ${latency.p95} ms: ${latency.p95 < TARGET_P95_MS ? 'meets' : 'misses'} the target of < ${TARGET_P95_MS} ms`,
);

const result = {
  benchmark: 'one routing decision (RouteCaseUseCase.decide) over enabled rules in memory',
  date: new Date().toISOString(),
  rules: RULES,
  decisions: DECISIONS,
  warmUp: WARM_UP,
  matched,
  targetP95Ms: TARGET_P95_MS,
  latencyMs: latency,
  cpuPerDecisionMs,
  decisionsPerSecond: Math.round(DECISIONS / (wallMs / 1000)),
  compileRulesMs: Number(compileMs.toFixed(3)),
  memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
  machine: machine(),
  calibration: calibrated,
};
writeResult('routing-rules', LABEL, result);
