#!/usr/bin/env node
// Runs the integration and e2e Jest projects N times in a row (default 20) to show the suite does
// not flake: a failing run is recorded and the next one starts anyway. Prints a line per run, then
// "N runs, K failed" and every test that failed, with how often. Exits 1 if any run failed.
//
//   node tools/repeat-tests.mjs [runs] [-- more jest arguments]
//   e.g. node tools/repeat-tests.mjs 2 -- services/intake
//
// Builds once first (the e2e tests start the built services). Each run's Jest output is kept in
// .data/repeat-tests/<start time>/run-<n>.log and its results in run-<n>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const separator = process.argv.indexOf('--');
const ours = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const jestExtra = separator === -1 ? [] : process.argv.slice(separator + 1);
const runs = Number(ours[0] ?? 20);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(
    `repeat-tests: the number of runs must be a positive integer, not "${ours[0]}"\n`,
  );
  process.exit(2);
}

const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.stderr.write('repeat-tests: the build failed; nothing was run\n');
  process.exit(1);
}

const dir = join(root, '.data', 'repeat-tests', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(dir, { recursive: true });
process.stdout.write(
  `${runs} runs of the integration and e2e projects; output in ${relative(root, dir)}\n`,
);

/** Failing test name -> the runs it failed in. */
const failures = new Map();
let failedRuns = 0;
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const resultsFile = join(dir, `run-${run}.json`);
  const jest = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      join(root, 'node_modules/jest/bin/jest.js'),
      '--selectProjects',
      'integration',
      'e2e',
      '--json',
      `--outputFile=${resultsFile}`,
      ...jestExtra,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  writeFileSync(join(dir, `run-${run}.log`), `${jest.stdout ?? ''}${jest.stderr ?? ''}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = failedTestsOf(resultsFile, jest);
  if (failed.length === 0 && jest.status === 0) {
    const total = totalOf(resultsFile);
    process.stdout.write(`run ${run}/${runs}: passed (${total} tests, ${seconds} s)\n`);
    continue;
  }
  failedRuns++;
  for (const name of failed) {
    failures.set(name, [...(failures.get(name) ?? []), run]);
  }
  process.stdout.write(
    `run ${run}/${runs}: FAILED (${seconds} s): ${failed.join('; ') || `jest exited ${jest.status ?? jest.signal}`}\n`,
  );
}

process.stdout.write(`\n${runs} runs, ${failedRuns} failed\n`);
for (const [name, inRuns] of failures) {
  process.stdout.write(
    `  ${name}: failed in run${inRuns.length > 1 ? 's' : ''} ${inRuns.join(', ')}\n`,
  );
}
process.exit(failedRuns === 0 ? 0 : 1);

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function totalOf(file) {
  return readResults(file)?.numTotalTests ?? '?';
}

/** "<file> › <test name>" of each failed test; a suite that failed outside any test by its file. */
function failedTestsOf(file, jest) {
  const results = readResults(file);
  if (!results) {
    return [`no results (jest exited ${jest.status ?? jest.signal})`];
  }
  const names = [];
  for (const suite of results.testResults ?? []) {
    const path = relative(root, suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      names.push(`${path} › ${test.fullName}`);
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      names.push(
        `${path} (${(suite.message ?? '').split('\n').find((l) => l.trim()) ?? 'suite failed'})`,
      );
    }
  }
  return names;
}
