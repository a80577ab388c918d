import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER_GATEWAY_SECRET, Role } from '@civitas/contracts';
import { natsServers } from '@civitas/messaging';
import { connect } from '@nats-io/transport-node';
import {
  deleteNamespaceStreams,
  graphql,
  queryRows,
  startTestSmtpRelay,
  testDatabaseServerUrl,
  testNatsUrl,
  uniqueName,
  waitFor,
  type GraphqlResponse,
  type TestSmtpRelay,
} from '@civitas/testing';
import {
  BACKEND_SERVICES,
  launchPlatform,
  signDevToken,
  type LaunchOptions,
  type PlatformHandle,
} from '@civitas/tools';
import type { ParsedMail } from 'mailparser';
import pg from 'pg';

const SUBMIT = `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { ticketNumber } }`;
const TRACK = `query($t: String!) { caseByTicket(ticketNumber: $t) { id status department { code } } }`;

/** A report routing has opened: what the tests go on with. */
export interface RoutedReport {
  ticketNumber: string;
  caseId: string;
  departmentCode: string;
}

export interface E2ePlatform {
  platform: PlatformHandle;
  prefix: string;
  /** GraphQL through the gateway, with `token` as the bearer token, or anonymously without one. */
  call<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResponse<T>>;
  /**
   * Submits `input` (a SubmitServiceRequestInput) through the gateway, as `token` or anonymously,
   * and waits until routing has opened the case; fails the test on an error.
   */
  submitRouted(input: object, token?: string): Promise<RoutedReport>;
  /**
   * With `mailbox`: what the platform's notifier sent, as a real SMTP server on loopback received
   * it (an empty list otherwise).
   */
  mails: ParsedMail[];
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
  options: Pick<LaunchOptions, 'logLevel' | 'ownNats' | 'replicas'> & {
    /** Notifications go to a real SMTP server on loopback; read them from `mails`. */
    mailbox?: boolean;
    /**
     * A NATS the test started and disposes of itself (a cluster: its servers comma separated),
     * instead of the machine's; its streams are left to it.
     */
    natsUrl?: string;
  } = {},
): Promise<E2ePlatform> {
  const prefix = uniqueName('civitas_e2e');
  const mails: ParsedMail[] = [];
  const smtp: TestSmtpRelay | undefined = options.mailbox
    ? await startTestSmtpRelay({ received: mails })
    : undefined;
  const mailEnv: Record<string, string> = smtp
    ? { NOTIFY_SMTP_URL: smtp.url, NOTIFY_POLL_MS: '100' }
    : {};
  // The launcher keeps its NATS store and authorization file in the data dir: a private one.
  const dataDir = options.ownNats ? await mkdtemp(join(tmpdir(), 'civitas-e2e-')) : undefined;
  const platform = await launchPlatform({
    databaseUrl: testDatabaseServerUrl(),
    natsUrl: options.natsUrl ?? testNatsUrl(),
    ownNats: options.ownNats,
    replicas: options.replicas,
    dataDir,
    databasePrefix: prefix,
    busNamespace: prefix.replace(/_/g, '-'),
    ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
    quiet: true,
    ephemeralSecrets: true,
    nodeEnv: 'test',
    logLevel: options.logLevel ?? 'warn',
    extraEnv: { ...E2E_RATE_LIMITS, ...mailEnv, ...extraEnv },
  }).catch(async (error: unknown) => {
    await smtp?.close();
    throw error;
  });
  const databaseUrlOf = (service: string) => {
    const url = new URL(platform.databaseUrl);
    url.pathname = `/${prefix}_${service}`;
    return url.toString();
  };
  const count = async (service: string, sql: string, params: unknown[] = []) =>
    Number((await queryRows<{ n: string }>(databaseUrlOf(service), sql, params))[0].n);
  const token: E2ePlatform['token'] = (role, options = {}) =>
    signDevToken(
      {
        sub: options.sub ?? `e2e-${role}`,
        roles: [role],
        departments: options.departments ?? [],
        expiresIn: '1h',
      },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
  const call: E2ePlatform['call'] = (query, variables = {}, bearer) =>
    graphql(
      platform.gatewayUrl,
      query,
      variables,
      bearer ? { authorization: `Bearer ${bearer}` } : {},
    );
  // Staff see every case (a private one too) with its department: the tests wait as an admin.
  const watcher = await token(Role.Admin, { sub: 'e2e-platform-watcher' });
  return {
    platform,
    prefix,
    count,
    databaseUrlOf,
    token,
    call,
    mails,
    submitRouted: async (input, bearer) => {
      const submitted = await call<{ submitServiceRequest: { ticketNumber: string } }>(
        SUBMIT,
        { i: input },
        bearer,
      );
      if (!submitted.data?.submitServiceRequest) {
        throw new Error(`the report was refused: ${JSON.stringify(submitted.errors)}`);
      }
      const { ticketNumber } = submitted.data.submitServiceRequest;
      type Tracked = {
        caseByTicket: { id: string; status: string; department: { code: string } | null } | null;
      };
      const routed = await waitFor(
        async () => {
          const found = (await call<Tracked>(TRACK, { t: ticketNumber }, watcher)).data
            ?.caseByTicket;
          return found?.status === 'OPEN' && found.department ? found : undefined;
        },
        { what: `case ${ticketNumber} routed` },
      );
      return { ticketNumber, caseId: routed.id, departmentCode: routed.department!.code };
    },
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
      } else if (!options.natsUrl) {
        const nc = await connect({ servers: natsServers(testNatsUrl()) });
        await deleteNamespaceStreams(nc, prefix.replace(/_/g, '-'));
        await nc.close();
      }
      await smtp?.close();
    },
  };
}
