import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUS_SERVICES,
  natsPermissionsOf,
  type BusService,
  type ConsumerManifest,
  type DurableOnBus,
} from '@civitas/messaging';

/** A service's password in the config: the value itself, or an environment variable the server reads. */
export type PasswordSource = { value: string } | { env: string };

/** The environment variable that holds a service's NATS password in production (`$VAR` in the config). */
export function natsPasswordVariable(service: BusService): string {
  return `CIVITAS_NATS_PASSWORD_${service.toUpperCase()}`;
}

/** Each service's durables, from the committed manifest a test keeps equal to the code (ADR 0031). */
export function durablesByService(rootDir: string): Map<BusService, DurableOnBus[]> {
  const manifest = JSON.parse(
    readFileSync(join(rootDir, 'docs', 'consumers.json'), 'utf8'),
  ) as ConsumerManifest;
  const byService = new Map<BusService, DurableOnBus[]>(BUS_SERVICES.map((s) => [s, []]));
  for (const { service, durable, subject } of manifest.consumers) {
    const list = byService.get(service as BusService);
    if (!list) {
      throw new Error(`docs/consumers.json: "${durable}" names an unknown service "${service}"`);
    }
    list.push({ durable, subject });
  }
  return byService;
}

/**
 * The `authorization` block of a NATS server config: one user per service, named after it, with
 * exactly the permissions `natsPermissionsOf` gives it (docs/adr/0046). A NATS config file can
 * `include` it.
 */
export function natsAuthorizationConfig(options: {
  rootDir: string;
  namespace: string;
  password: (service: BusService) => PasswordSource;
  /** An operators' user (the `nats` CLI, monitoring) with every permission, and its password. */
  operator?: { user: string; password: PasswordSource };
}): string {
  const durables = durablesByService(options.rootDir);
  const list = (subjects: string[]) =>
    `[\n${subjects.map((s) => `          ${JSON.stringify(s)}`).join(',\n')}\n        ]`;
  const users = BUS_SERVICES.map((service) => {
    const p = natsPermissionsOf(service, options.namespace, durables.get(service) ?? []);
    const password = passwordOf(options.password(service));
    return [
      '    {',
      `      user: ${JSON.stringify(service)}`,
      `      password: ${password}`,
      '      permissions: {',
      `        publish: { allow: ${list(p.publish)} }`,
      `        subscribe: { allow: ${list(p.subscribe)} }`,
      `        allow_responses: { max: ${p.allowResponses.max}, expires: ${JSON.stringify(p.allowResponses.expires)} }`,
      '      }',
      '    }',
    ].join('\n');
  });
  if (options.operator) {
    users.push(
      [
        '    {',
        `      user: ${JSON.stringify(options.operator.user)}`,
        `      password: ${passwordOf(options.operator.password)}`,
        '    }',
      ].join('\n'),
    );
  }
  return [
    '# Generated from libs/contracts and docs/consumers.json by `npm run nats:config` (docs/adr/0046).',
    '# Do not edit: regenerate after a contract or a consumer changes.',
    'authorization {',
    '  users: [',
    users.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** `$VAR`: the server reads the environment variable (unquoted, so the config parser expands it). */
function passwordOf(source: PasswordSource): string {
  return 'env' in source ? `$${source.env}` : JSON.stringify(source.value);
}

/** A password per service for a server the launcher starts (new each start: nothing stores them). */
export function generateNatsPasswords(): Record<BusService, string> {
  return Object.fromEntries(
    BUS_SERVICES.map((s) => [s, randomBytes(24).toString('base64url')]),
  ) as Record<BusService, string>;
}
