import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  IntakeAdminChangeRecorded,
  Role,
  type AdminChangeRecordedV1,
  type Envelope,
} from '@civitas/contracts';
import {
  errorCodes,
  nextMatching,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-audit-3');
const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

/** Keys issued and revoked are recorded in their transaction, never the key (docs/adr/0092). */
describe('intake: API keys issued and revoked are recorded', () => {
  let intake: ServiceHarness<IntakeConfig>;
  let recorded: Consumer;

  beforeAll(async () => {
    intake = await startServiceHarness(INTAKE_APP);
    recorded = await intake.probe(IntakeAdminChangeRecorded);
  });

  afterAll(() => intake?.dispose());

  const next = () => nextMatching<Envelope<AdminChangeRecordedV1>>(recorded, () => true);

  it('records a key issued and revoked by whom, with its client but not the key', async () => {
    const created = await intake.query<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      CREATE,
      { input: { name: 'FixMyStreet' } },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    const issued = await next();
    expect(issued.actor).toMatchObject({ service: 'intake', sub: 'admin-audit-3' });
    expect(issued.payload).toMatchObject({
      kind: 'API_KEY',
      entityId: apiKey.id,
      action: 'CREATED',
      changes: [{ field: 'name', before: null, after: '"FixMyStreet"' }],
    });
    expect(JSON.stringify(issued)).not.toContain(key);
    expect(JSON.stringify(issued)).not.toContain(key.slice(0, 12));

    expect((await intake.query(REVOKE, { id: apiKey.id }, ADMIN)).errors).toBeUndefined();
    const revoked = await next();
    expect(revoked.payload).toMatchObject({ entityId: apiKey.id, action: 'REVOKED' });
    expect(revoked.payload.changes.map((c) => c.field)).toEqual(['revokedAt']);

    // Revoking again changes nothing, and records nothing; nor does an unknown key.
    expect((await intake.query(REVOKE, { id: apiKey.id }, ADMIN)).errors).toBeUndefined();
    const unknown = await intake.query(
      REVOKE,
      { id: '00000000-0000-4000-8000-000000000000' },
      ADMIN,
    );
    expect(errorCodes(unknown)).toEqual(['API_KEY_NOT_FOUND']);
    const other = await intake.query<{ createApiKey: { apiKey: { id: string } } }>(
      CREATE,
      { input: { name: 'Legacy CRM' } },
      ADMIN,
    );
    const nextOne = await next();
    expect(nextOne.payload).toMatchObject({
      entityId: other.data!.createApiKey.apiKey.id,
      action: 'CREATED',
    });
  });
});
