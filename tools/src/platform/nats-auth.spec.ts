import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BUS_SERVICES } from '@civitas/messaging';
import { natsAuthorizationConfig, natsPasswordVariable } from './nats-auth.js';
import { findRepoRoot } from './repo-root.js';

const root = findRepoRoot();

describe("docker compose's NATS authorizes each service as its own user (docs/adr/0046)", () => {
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

  it('mounts the block `npm run nats:config` prints, as it prints it today', () => {
    const committed = readFileSync(join(root, 'deploy', 'nats-authorization.conf'), 'utf8');
    const generated = natsAuthorizationConfig({
      rootDir: root,
      namespace: '',
      password: (service) => ({ env: natsPasswordVariable(service) }),
    });
    // Stale after a contract or consumer changed:
    //   npm run --silent nats:config > deploy/nats-authorization.conf
    expect(committed).toBe(generated);
    expect(compose).toContain('./deploy/nats-authorization.conf:/etc/nats/authorization.conf:ro');
    expect(compose).toMatch(/'nats-server', '-c', '\/etc\/nats\/authorization.conf'/);
  });

  it.each(BUS_SERVICES)(
    'gives %s its user, and the password the server reads for it',
    (service) => {
      const variable = natsPasswordVariable(service);
      const block = compose.slice(compose.indexOf(`\n  ${service}:\n`));
      const own = block.slice(0, block.indexOf('\n\n') + 1);
      expect(own).toContain(`NATS_USER: ${service}\n`);
      const password = new RegExp(`NATS_PASSWORD: (\\$\\{${variable}:-[^}]+\\})\\n`).exec(own)?.[1];
      expect(password).toBeDefined();
      const nats = compose.slice(compose.indexOf('\n  nats:\n'));
      expect(nats.slice(0, nats.indexOf('\n\n'))).toContain(`${variable}: ${password}\n`);
    },
  );
});
