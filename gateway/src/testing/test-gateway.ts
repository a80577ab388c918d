import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { loadConfig } from '@civitas/config';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@civitas/contracts';
import {
  startStandInSubgraph,
  writeSupergraph,
  type StandInSubgraph,
  type StandInSubgraphOptions,
} from '@civitas/testing';
import { createGatewayApp } from '../app.factory.js';
import { GatewayConfig } from '../config/gateway.config.js';

/*
 * The gateway as its specs run it: in process, on a port the OS chose, in front of stand-in
 * subgraphs (`@civitas/testing`). Test code only: `gateway/tsconfig.json` leaves this folder out of
 * the build, `tsconfig.spec.json` type-checks it with the specs.
 */

/** What the specs' gateways share with their (stand-in) subgraphs. */
export const TEST_GATEWAY_SECRET = 'gateway-secret-for-tests-0123456789';
/** The development signing key the specs' gateways verify tokens with. */
export const TEST_DEV_SIGNING_KEY = 'dev-signing-key-for-tests-0123456789';

export interface TestGateway {
  app: INestApplication;
  config: GatewayConfig;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  close(): Promise<void>;
}

/**
 * A gateway in test mode with the test secret and development key; `env` adds to or overrides
 * that (subgraph URLs, `SUPERGRAPH_PATH`, limits, or production settings).
 */
export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig(GatewayConfig, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    AUTH_DEV_SIGNING_KEY: TEST_DEV_SIGNING_KEY,
    ...env,
  });
  const app = await createGatewayApp(config);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A stand-in subgraph as a spec describes it; it is given the test secret. */
export type TestStandIn = Omit<StandInSubgraphOptions, 'gatewaySecret'>;

export interface TestSubgraphs {
  /** `SUPERGRAPH_PATH` and each stand-in's `<NAME>_URL`: what a gateway needs to reach them. */
  env: Record<string, string>;
  /** Stops the stand-ins and removes their supergraph. */
  close(): Promise<void>;
}

/** Stand-in subgraphs with the test secret, and their supergraph written for `SUPERGRAPH_PATH`. */
export async function startTestSubgraphs(standIns: TestStandIn[]): Promise<TestSubgraphs> {
  const started: StandInSubgraph[] = [];
  const close = async () => {
    for (const subgraph of started) {
      await subgraph.close();
    }
  };
  try {
    for (const standIn of standIns) {
      started.push(await startStandInSubgraph({ ...standIn, gatewaySecret: TEST_GATEWAY_SECRET }));
    }
    const supergraph = writeSupergraph(started);
    const env: Record<string, string> = { SUPERGRAPH_PATH: supergraph.path };
    for (const { name, url } of started) {
      env[`${name.toUpperCase()}_URL`] = url;
    }
    return {
      env,
      close: async () => {
        await close();
        supergraph.remove();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A test gateway (`startTestGateway` with `env`) in front of stand-in subgraphs started for it;
 * closing it stops them too.
 */
export async function startTestGatewayOver(
  standIns: TestStandIn[],
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const subgraphs = await startTestSubgraphs(standIns);
  try {
    const gateway = await startTestGateway({ ...subgraphs.env, ...env });
    return {
      ...gateway,
      close: async () => {
        await gateway.close();
        await subgraphs.close();
      },
    };
  } catch (error) {
    await subgraphs.close();
    throw error;
  }
}

export interface DevTokenOptions {
  /** The signing key (default the test key): another one makes a forged token. */
  key?: string;
  /** `exp` as jose reads it (`'5m'` by default, or seconds since the epoch); null: none. */
  expiresAt?: string | number | null;
  issuer?: string;
  audience?: string;
}

/** A development token (HS256) for `sub` with these claims, as the gateway under test accepts it. */
export function devToken(
  sub: string,
  claims: Record<string, unknown> = {},
  { key = TEST_DEV_SIGNING_KEY, expiresAt = '5m', issuer, audience }: DevTokenOptions = {},
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(issuer ?? DEV_TOKEN_ISSUER)
    .setAudience(audience ?? DEV_TOKEN_AUDIENCE)
    .setIssuedAt();
  return (expiresAt === null ? jwt : jwt.setExpirationTime(expiresAt)).sign(
    new TextEncoder().encode(key),
  );
}
