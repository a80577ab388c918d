import { BUS_SERVICES, type BusService } from '@civitas/messaging';
import { natsAuthorizationConfig, natsPasswordVariable } from './platform/nats-auth.js';
import { findRepoRoot } from './platform/repo-root.js';

const USAGE =
  'usage: npm run --silent nats:config [-- --namespace NS] [--operator USER]\n' +
  "Prints the NATS server's authorization block: one user per service with exactly its permissions,\n" +
  'each password read by the server from CIVITAS_NATS_PASSWORD_<SERVICE>; --operator adds a user\n' +
  'with every permission for the nats CLI, its password from CIVITAS_NATS_PASSWORD_OPERATOR\n' +
  '(docs/adr/0046).\n';

/** `npm run --silent nats:config > civitas-authorization.conf`, included from the server's config. */
function main(args: string[]): number {
  let namespace = '';
  let operator: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--namespace' && args[i + 1] !== undefined) {
      namespace = args[++i];
    } else if (args[i] === '--operator' && args[i + 1] !== undefined) {
      operator = args[++i];
    } else if (args[i] === '--help' || args[i] === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else {
      process.stderr.write(`nats:config: unknown argument "${args[i]}"\n${USAGE}`);
      return 2;
    }
  }
  if (operator !== undefined && !/^[A-Za-z0-9_-]+$/.test(operator)) {
    process.stderr.write('nats:config: --operator: must be letters, digits, - or _\n');
    return 2;
  }
  if (operator !== undefined && BUS_SERVICES.includes(operator as BusService)) {
    process.stderr.write(`nats:config: --operator: "${operator}" is a service's user\n`);
    return 2;
  }
  if (!/^[a-z0-9_-]*$/.test(namespace)) {
    process.stderr.write('nats:config: --namespace: must be lower-case letters, digits, - or _\n');
    return 2;
  }
  process.stdout.write(
    natsAuthorizationConfig({
      rootDir: findRepoRoot(),
      namespace,
      password: (service) => ({ env: natsPasswordVariable(service) }),
      operator: operator
        ? { user: operator, password: { env: 'CIVITAS_NATS_PASSWORD_OPERATOR' } }
        : undefined,
    }),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
