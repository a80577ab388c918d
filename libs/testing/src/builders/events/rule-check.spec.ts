import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  CitizenErased,
  CitizensMerged,
  HistoryAccepted,
  HistoryOpened,
  HistoryRouted,
  InteractionLogged,
  NoteAdded,
  passesRules,
  StatusChanged,
  SubmissionAccepted,
  type EventContract,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRouted,
  aCitizenErased,
  aCitizensMerged,
  aHistoryAccepted,
  aHistoryOpened,
  aHistoryRouted,
  aNoteAdded,
  anInteractionLogged,
  aStatusChanged,
  aSubmissionAccepted,
} from './index.js';

type Json = unknown;

/** Every way of spoiling one value that a sender could get wrong. */
const SPOILERS: [string, (value: Json) => Json | undefined][] = [
  ['missing', () => undefined],
  ['null', () => null],
  ['a number', () => 42],
  ['a string', () => 'x'],
  ['an empty string', () => ''],
  ['a long string', () => 'x'.repeat(5000)],
  ['a boolean', () => true],
  ['an object', () => ({ a: 1 })],
  ['an array', () => ['x']],
  ['an empty array', () => []],
  ['a date in another format', () => '07/12/2026'],
];

/** Every path to a value in a JSON document (object keys and array indices). */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, Json>);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...pathsOf(v, [...prefix, key])]);
}

function spoiled(document: Json, path: (string | number)[], spoil: (v: Json) => Json): Json {
  const copy = structuredClone(document) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    parent = parent[key] as Record<string | number, Json>;
  }
  const last = path[path.length - 1];
  const replacement = spoil(parent[last]);
  if (replacement === undefined && !Array.isArray(parent)) {
    delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

/** The quick check and class-validator, each on its own instance of the same document. */
function bothOn(contract: EventContract<object>, document: Json) {
  const quick = plainToInstance(contract.payload, structuredClone(document)) as object;
  const full = plainToInstance(contract.payload, structuredClone(document)) as object;
  const passes = passesRules(quick);
  const errors = validateSync(full, { whitelist: true, forbidNonWhitelisted: false });
  return { passes, valid: errors.length === 0, quick, full };
}

const imported = aSubmissionAccepted().imported({
  sourceSystem: 'legacy311',
  sourceId: 'L-1',
  status: CaseStatus.CLOSED,
});

describe('passesRules (the quick yes of validateAs)', () => {
  // validateAs trusts a yes without asking class-validator: a yes it would not give lets a
  // malformed message through, so every spoiled field of every payload is tried both ways.
  it.each([
    ['submission-accepted', SubmissionAccepted, () => aSubmissionAccepted().build()],
    ['case-opened', CaseOpened, () => aCaseOpened().build()],
    ['case-routed', CaseRouted, () => aCaseRouted().build()],
    ['status-changed', StatusChanged, () => aStatusChanged().build()],
    [
      'status-changed told to followers',
      StatusChanged,
      () =>
        aStatusChanged()
          .with({ followers: [randomUUID(), randomUUID()] })
          .build(),
    ],
    ['note-added', NoteAdded, () => aNoteAdded().build()],
    ['interaction-logged', InteractionLogged, () => anInteractionLogged().build()],
    ['citizens-merged', CitizensMerged, () => aCitizensMerged().build()],
    ['citizen-erased', CitizenErased, () => aCitizenErased().build()],
    ['history-accepted', HistoryAccepted, () => aHistoryAccepted().of(imported, imported).build()],
    ['history-opened', HistoryOpened, () => aHistoryOpened().of(aCaseOpened().imported()).build()],
    ['history-routed', HistoryRouted, () => aHistoryRouted().of(aCaseRouted()).build()],
  ] as [string, EventContract<object>, () => object][])(
    'answers as class-validator does for %s, spoiled field by field',
    (_name, contract, build) => {
      const document = JSON.parse(JSON.stringify(build())) as Json;
      expect(bothOn(contract, document)).toMatchObject({ passes: true, valid: true });
      let refused = 0;
      for (const path of pathsOf(document)) {
        for (const [how, spoil] of SPOILERS) {
          const { passes, valid } = bothOn(contract, spoiled(document, path, spoil));
          expect({ field: path.join('.'), how, passes }).toEqual({
            field: path.join('.'),
            how,
            passes: valid,
          });
          refused += valid ? 0 : 1;
        }
      }
      expect(refused).toBeGreaterThan(0);
    },
  );

  it('strips the properties no rule names, at every depth, as class-validator does', () => {
    const document = JSON.parse(
      JSON.stringify(aHistoryOpened().of(aCaseOpened().imported()).build()),
    );
    document.extra = 'top';
    document.cases[0].extra = 'record';
    document.cases[0].legacy.extra = 'nested';
    const { passes, quick, full } = bothOn(HistoryOpened as EventContract<object>, document);
    expect(passes).toBe(true);
    expect(JSON.stringify(quick)).not.toContain('extra');
    expect(quick).toEqual(full);
  });
});
