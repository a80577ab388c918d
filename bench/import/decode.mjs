// Decoding a batch of imported history: `npm run build && node bench/import/decode.mjs`.
// CPU per record of turning a 500-record `history-accepted` and `history-opened` payload into
// validated instances, as every hop does on sending and on receiving (docs/adr/0022, 0089):
// class-validator's own executor against `validateAs` (its quick yes, `passesRules`), alternated
// twice each. Writes bench/import/results/<date>-decode[-<label>].json.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CaseStatus,
  HistoryAccepted,
  HistoryOpened,
  validateAs,
} from '../../libs/contracts/dist/index.js';
import {
  aCaseOpened,
  aHistoryAccepted,
  aHistoryOpened,
  aSubmissionAccepted,
} from '../../libs/testing/dist/index.js';
import { log, machine, round1, uptime, writeResult } from '../lib/harness.mjs';

const RECORDS = 500;
const ROUNDS = 40;
const payloads = [
  [
    'history-accepted',
    HistoryAccepted,
    aHistoryAccepted()
      .of(
        ...Array.from({ length: RECORDS }, (_, i) =>
          aSubmissionAccepted().imported({
            sourceSystem: 'ottawa311',
            sourceId: `L-${i}`,
            status: CaseStatus.CLOSED,
          }),
        ),
      )
      .build(),
  ],
  [
    'history-opened',
    HistoryOpened,
    aHistoryOpened()
      .of(...Array.from({ length: RECORDS }, () => aCaseOpened().imported()))
      .build(),
  ],
];
const classValidator = (contract, plain) => {
  const instance = plainToInstance(contract.payload, plain);
  if (validateSync(instance, { whitelist: true, forbidNonWhitelisted: false }).length > 0) {
    throw new Error(`${contract.subject}: invalid`);
  }
  return instance;
};
const quick = (contract, plain) => validateAs(contract.payload, plain, contract.subject);

const uptimeBefore = uptime();
const figures = {};
for (const [name, contract, payload] of payloads) {
  const json = JSON.stringify(payload);
  const microsPerRecord = (decode) => {
    for (let i = 0; i < 5; i++) {
      decode(contract, JSON.parse(json));
    }
    const start = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      decode(contract, JSON.parse(json));
    }
    const used = process.cpuUsage(start);
    return round1((used.user + used.system) / ROUNDS / RECORDS);
  };
  const runs = { classValidator: [], validateAs: [] };
  for (let pass = 0; pass < 2; pass++) {
    runs.classValidator.push(microsPerRecord(classValidator));
    runs.validateAs.push(microsPerRecord(quick));
  }
  figures[name] = { cpuMicrosPerRecord: runs };
  log(
    `${name}: class-validator ${runs.classValidator.join(', ')} µs per record; validateAs ${runs.validateAs.join(', ')}`,
  );
}
const result = {
  benchmark: 'import-history-decode',
  date: new Date().toISOString(),
  recordsPerPayload: RECORDS,
  rounds: ROUNDS,
  note: 'JSON.parse included in both; CPU time of this process (user + system)',
  figures,
  machine: machine(),
  uptimeBefore,
  uptimeAfter: uptime(),
};
writeResult(
  'import',
  `decode${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ''}`,
  result,
);
