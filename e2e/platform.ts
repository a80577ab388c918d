import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER_GATEWAY_SECRET, Role } from '@civitas/contracts';
import { connect } from '@nats-io/transport-node';
import {
  deleteNamespaceStreams,
  queryRows,
  testDatabaseServerUrl,
  testNatsUrl,
  uniqueName,
} from '@civitas/testing';
import {
  BACKEND_SERVICES,
  launchPlatform,
  signDevToken,
  type LaunchOptions,
  type PlatformHandle,
} from '@civitas/tools';
import pg from 'pg';

export interface E2ePlatform {
  platform: PlatformHandle;
  prefix: string;
  /** A development token for the given role, as `npm run token` would mint it. */
  token(role: Role, options?: { sub?: string; departments?: string[] }): Promise<string>;
  /** A SQL count on one service's own database (for "nothing written" and "exactly one" checks). */
  count(service: string, sql: string, params?: unknown[]): Promise<number>;
  /** The connection URL of one service's own database. */
  databaseUrlOf(service: string): string;
  /** Stops everything and drops the databases. */
  dispose(): Promise<void>;
  gatewayHeadersWithSecret(): Record<string, string>;
}

/**
 * The gateway's rate limits raised out of the way: the tests poll and send bad input from one
 * address. The limits themselves are tested in gateway/src/http/edge-protection.spec.ts.
 */
export const E2E_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_MAX: '1000000',
  RATE_LIMIT_AUTH_FAILURES_MAX: '1000000',
  RATE_LIMIT_STRICT_MAX: '1000000',
};

/**
 * The whole platform as separate processes (built code), on the machine's Postgres and NATS; with
 * `ownNats`, on a nats-server of its own that authorizes each service as its own user (ADR 0046).
 */
export async function startE2ePlatform(
  extraEnv: Record<string, string> = {},
  options: Pick<LaunchOptions, 'logLevel' | 'ownNats'> = {},
): Promise<E2ePlatform> {
  const prefix = uniqueName('civitas_e2e');
  // The launcher keeps its NATS store and authorization file in the data dir: a private one.
  const dataDir = options.ownNats ? await mkdtemp(join(tmpdir(), 'civitas-e2e-')) : undefined;
  const platform = await launchPlatform({
    databaseUrl: testDatabaseServerUrl(),
    natsUrl: testNatsUrl(),
    ownNats: options.ownNats,
    dataDir,
    databasePrefix: prefix,
    busNamespace: prefix.replace(/_/g, '-'),
    ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
    quiet: true,
    ephemeralSecrets: true,
    nodeEnv: 'test',
    logLevel: options.logLevel ?? 'warn',
    extraEnv: { ...E2E_RATE_LIMITS, ...extraEnv },
  });
  const databaseUrlOf = (service: string) => {
    const url = new URL(platform.databaseUrl);
    url.pathname = `/${prefix}_${service}`;
    return url.toString();
  };
  const count = async (service: string, sql: string, params: unknown[] = []) =>
    Number((await queryRows<{ n: string }>(databaseUrlOf(service), sql, params))[0].n);
  return {
    platform,
    prefix,
    count,
    databaseUrlOf,
    token: (role, options = {}) =>
      signDevToken(
        {
          sub: options.sub ?? `e2e-${role}`,
          roles: [role],
          departments: options.departments ?? [],
          expiresIn: '1h',
        },
        platform.secrets.AUTH_DEV_SIGNING_KEY,
      ),
    gatewayHeadersWithSecret: () => ({ [HEADER_GATEWAY_SECRET]: platform.secrets.GATEWAY_SECRET }),
    dispose: async () => {
      const databaseUrl = platform.databaseUrl;
      await platform.stop();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        for (const service of BACKEND_SERVICES) {
          await admin.query(`DROP DATABASE IF EXISTS "${prefix}_${service}" WITH (FORCE)`);
        }
      } finally {
        await admin.end();
      }
      if (dataDir) {
        await rm(dataDir, { recursive: true, force: true });
      } else {
        const nc = await connect({ servers: testNatsUrl() });
        await deleteNamespaceStreams(nc, prefix.replace(/_/g, '-'));
        await nc.close();
      }
    },
  };
}
