import { randomBytes } from 'node:crypto';

/**
 * Real Postgres and NATS for tests: the ones named by DATABASE_URL / NATS_URL, else the machine's
 * local services. (jest.global-setup.ts starts testcontainers when neither answers and a container
 * engine exists, and sets these variables for the workers.)
 */
export function testDatabaseServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testNatsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

/** A name no other test (or test run) uses: for databases, bus namespaces, durable consumers. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
}

export const TEST_GATEWAY_SECRET = 'test-gateway-secret-0123456789abcdef';

/** Fixed test keys for PII encryption (never used outside tests). */
export const TEST_PII_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
export const TEST_PII_HASH_KEY = Buffer.alloc(32, 9).toString('base64');
/** Fixed test key signing and checking survey links (citizens signs, cases checks: ADR 0060). */
export const TEST_SURVEY_TOKEN_KEYS = `survey1:${Buffer.alloc(32, 11).toString('base64')}`;

/**
 * A path under the shared data folder that sits beside the project (`../shared/data`), or under
 * CIVITAS_SHARED_DATA when set. Tests run from the repository root.
 */
export function sharedDataPath(...segments: string[]): string {
  const base = process.env.CIVITAS_SHARED_DATA ?? `${process.cwd()}/../shared/data`;
  return [base, ...segments].join('/');
}
