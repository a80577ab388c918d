import { parseArgs } from 'node:util';
import { BACKEND_SERVICES, Platform } from './platform/launch-platform.js';
import { PlatformError } from './platform/platform.error.js';

/** `--replicas N`: N copies of each service, on ports the OS picks (docs/adr/0073). */
function replicasFromArgs(): number {
  let value: string | undefined;
  try {
    value = parseArgs({ options: { replicas: { type: 'string' } } }).values.replicas;
  } catch (error) {
    process.stderr.write(
      `npm start: ${(error as Error).message}. Usage: npm start -- [--replicas N]\n`,
    );
    process.exit(1);
  }
  const replicas = Number(value ?? '1');
  if (!/^\d+$/.test(value ?? '1') || replicas < 1 || replicas > 16) {
    process.stderr.write(`npm start: --replicas must be a whole number from 1 to 16.\n`);
    process.exit(1);
  }
  return replicas;
}

/** `npm start`: the whole platform in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  // Intake's SMTP receiver is off unless a port is set; on one machine it answers on 2525 (docs/email.md).
  const smtpPort = process.env.SMTP_LISTEN_PORT || '2525';
  // NODE_ENV=production runs in production mode (secrets, Postgres and NATS from the environment,
  // tokens from the identity provider); unset or development is the one-machine development mode.
  const nodeEnv = process.env.NODE_ENV || 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production') {
    process.stderr.write(
      `npm start: NODE_ENV must be development (the default) or production, not "${nodeEnv.slice(0, 40)}".\n`,
    );
    process.exit(1);
  }
  const replicas = replicasFromArgs();
  const platform = new Platform({
    nodeEnv,
    replicas,
    extraEnv: { SMTP_LISTEN_PORT: smtpPort },
  });
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      process.stderr.write(`\n${signal} again: killing everything now.\n`);
      platform.killAllNow();
      process.exit(130);
    }
    shuttingDown = true;
    process.stderr.write(
      `\n${signal}: stopping the gateway, then the services, then NATS and Postgres (if started here)…\n`,
    );
    platform.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`stop failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    await platform.start();
  } catch (error) {
    if (shuttingDown) {
      return;
    }
    process.stderr.write(
      `\nnpm start failed: ${error instanceof PlatformError ? error.message : (error as Error).stack}\n`,
    );
    process.exit(1);
  }

  const services = BACKEND_SERVICES.flatMap((name) => platform.instances(name))
    .map((name) => `    ${name.padEnd(12)} ${platform.baseUrl(name)}/health/ready`)
    .join('\n');
  process.stdout.write(
    [
      '',
      'Civitas is up.',
      `  GraphQL        ${platform.gatewayUrl}`,
      `  E-mail (SMTP)  ${platform.listenerUrl('intake', 'smtp')}   (replies: SMTP_URL, else .eml files in .data/outbox-mail/)`,
      `  Health         ${platform.baseUrl('gateway')}/health/ready   (metrics: ${platform.listenerUrl('gateway', 'metrics')})`,
      `  Services (reachable only through the gateway for GraphQL${replicas > 1 ? `; ${replicas} replicas of each, asked in turn` : ''}):`,
      services,
      '',
      'First query (anonymous): the service catalog',
      `  curl -s ${platform.gatewayUrl} -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ services { code name } }"}'`,
      ...(platform.production
        ? ['Production mode: staff tokens come from your identity provider (AUTH_JWKS_URL).']
        : [
            'As staff: TOKEN=$(npm run --silent token -- --role agent | tail -n 1), then add',
            '  -H "authorization: Bearer $TOKEN"',
          ]),
      '',
      'Ctrl-C stops everything; data stays in .data/ for the next start.',
      '',
    ].join('\n'),
  );
}

await main();
