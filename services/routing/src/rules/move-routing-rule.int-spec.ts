import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, CaseRouted, Channel, Role, type CaseRoutedV1 } from '@civitas/contracts';
import {
  aCaseOpened,
  aRoutingRuleInput,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type GraphqlResponse,
  type SaveRoutingRuleInput,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedSampleData } from '../database/sample-data.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const PARKS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');
const AGENT = aStaffMember(Role.Agent, 'agent-1');

const SAVE = 'mutation($input: SaveRoutingRuleInput!) { saveRoutingRule(input: $input) { id } }';
const MOVE = `mutation($input: MoveRoutingRuleInput!) {
  moveRoutingRule(input: $input) { id name position version updatedBy then { departmentCode } } }`;
const LIST = '{ routingRules { id name position version } }';
const HISTORY = `query($id: ID!) { routingRuleHistory(id: $id) { version change changedBy position } }`;

interface Listed {
  id: string;
  name: string;
  position: number;
  version: number;
}

describe('routing: moveRoutingRule', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedSampleData });
  });

  afterAll(() => routing?.dispose());

  async function saved(input: SaveRoutingRuleInput): Promise<string> {
    const res = await routing.query<{ saveRoutingRule: { id: string } }>(SAVE, { input }, ADMIN);
    expect(res.errors).toBeUndefined();
    return res.data!.saveRoutingRule.id;
  }

  function move(
    id: string,
    position: number,
    as: Parameters<typeof routing.query>[2] = ADMIN,
  ): Promise<
    GraphqlResponse<{ moveRoutingRule: (Listed & { then: { departmentCode: string } })[] }>
  > {
    return routing.query(MOVE, { input: { id, position } }, as);
  }

  async function list(): Promise<Listed[]> {
    const res = await routing.query<{ routingRules: Listed[] }>(LIST, {}, ADMIN);
    expect(res.errors).toBeUndefined();
    return res.data!.routingRules;
  }

  async function history(
    id: string,
  ): Promise<{ version: number; change: string; changedBy: string; position: number }[]> {
    const res = await routing.query<{
      routingRuleHistory: {
        version: number;
        change: string;
        changedBy: string;
        position: number;
      }[];
    }>(HISTORY, { id }, ADMIN);
    expect(res.errors).toBeUndefined();
    return res.data!.routingRuleHistory;
  }

  async function routedRuleName(description: string): Promise<string | undefined> {
    const routed = await routing.probe(CaseRouted);
    const opened = aCaseOpened()
      .forService('graffiti')
      .via(Channel.WEB)
      .describedAs(description)
      .build();
    await routing.publish(CaseOpened, opened);
    const event = await nextMatching<{ payload: CaseRoutedV1 }>(
      routed,
      (b) => b.payload.caseId === opened.caseId,
    );
    return event.payload.ruleName;
  }

  it('moves a rule to a place in the evaluation order, renumbers the rest, keeps history, and routes by the new order', async () => {
    // Saved positions may tie and leave gaps: two rules at 5, one at 40.
    const wall = await saved(
      aRoutingRuleInput()
        .named('Walls to streets')
        .at(5)
        .when({ serviceCodes: ['graffiti'], keywords: ['wall'] })
        .sendsTo('streets')
        .build(),
    );
    const parkWall = await saved(
      aRoutingRuleInput()
        .named('Park walls to parks')
        .at(5)
        .when({ serviceCodes: ['graffiti'], keywords: ['park'] })
        .sendsTo('parks')
        .build(),
    );
    const letters = await saved(
      aRoutingRuleInput()
        .named('Letters to parks')
        .at(40)
        .when({ channels: ['LETTER'] })
        .sendsTo('parks')
        .build(),
    );
    expect((await list()).map((r) => [r.name, r.position])).toEqual([
      ['Walls to streets', 5],
      ['Park walls to parks', 5],
      ['Letters to parks', 40],
    ]);
    // Both match; the first in order wins.
    expect(await routedRuleName('Tags on the park wall')).toBe('Walls to streets');

    const res = await move(parkWall, 0, PARKS_SUPERVISOR);
    expect(res.errors).toBeUndefined();
    // A supervisor is answered with the rules they may see, in the new order, renumbered.
    expect(res.data!.moveRoutingRule.map((r) => [r.name, r.position])).toEqual([
      ['Park walls to parks', 0],
      ['Letters to parks', 2],
    ]);
    expect(res.data!.moveRoutingRule[0]).toMatchObject({ version: 2, updatedBy: 'sup-parks' });
    expect((await list()).map((r) => [r.name, r.position, r.version])).toEqual([
      ['Park walls to parks', 0, 2],
      ['Walls to streets', 1, 2],
      ['Letters to parks', 2, 2],
    ]);
    // Every rule whose position changed has a MOVED version saying who moved it.
    for (const [id, position] of [
      [parkWall, 0],
      [wall, 1],
      [letters, 2],
    ] as const) {
      expect((await history(id)).at(-1)).toEqual({
        version: 2,
        change: 'MOVED',
        changedBy: 'sup-parks',
        position,
      });
    }
    expect(await routedRuleName('Tags on the park wall')).toBe('Park walls to parks');

    // Moving to the end; only the rules whose position changes get a version.
    const toEnd = await move(parkWall, 2);
    expect(toEnd.errors).toBeUndefined();
    expect((await list()).map((r) => [r.name, r.position, r.version])).toEqual([
      ['Walls to streets', 0, 3],
      ['Letters to parks', 1, 3],
      ['Park walls to parks', 2, 3],
    ]);
    // Where it already is: nothing changes, no version is added.
    expect((await move(parkWall, 2)).errors).toBeUndefined();
    expect((await history(parkWall)).map((v) => v.change)).toEqual(['CREATED', 'MOVED', 'MOVED']);
    expect(await routedRuleName('Tags on the park wall')).toBe('Walls to streets');
  });

  it('refuses an unknown rule, a place out of range and callers who may not manage the rule, changing nothing', async () => {
    const before = await list();
    const streetsRule = before.find((r) => r.name === 'Walls to streets')!;
    const cases: [GraphqlResponse<unknown>, string, string][] = [
      [await move('5d0c1a4e-0000-4000-8000-000000000000', 0), 'RULE_NOT_FOUND', 'id'],
      [await move(streetsRule.id, before.length), 'POSITION_OUT_OF_RANGE', 'position'],
      [await move(streetsRule.id, -1), 'POSITION_OUT_OF_RANGE', 'position'],
      [await move(streetsRule.id, 0, PARKS_SUPERVISOR), 'FORBIDDEN', 'id'],
    ];
    for (const [res, code, field] of cases) {
      expect(errorCodes(res)).toEqual([code]);
      expect(res.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    }
    const outOfRange = cases[1][0];
    expect(outOfRange.errors![0].message).toBe(
      `position must be between 0 and ${before.length - 1} (there are ${before.length} rules)`,
    );
    expect(errorCodes(await move(streetsRule.id, 0, AGENT))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await routing.query(MOVE, { input: { id: streetsRule.id, position: 0 } })),
    ).toEqual(['UNAUTHENTICATED']);
    expect(await list()).toEqual(before);
    // Their own department's rule a supervisor may move.
    expect(errorCodes(await move(streetsRule.id, 1, STREETS_SUPERVISOR))).toEqual([]);
  });
});
