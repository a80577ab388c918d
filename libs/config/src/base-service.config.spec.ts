import { describe, expect, it } from '@jest/globals';
import { BaseServiceConfig } from './base-service.config.js';
import { loadConfig } from './load-config.js';

const REQUIRED = {
  DATABASE_URL: 'postgres://localhost:5432/x',
  GATEWAY_SECRET: 'a-gateway-secret-of-24-chars',
};

describe('a service’s NATS user (docs/adr/0046)', () => {
  it('connects without credentials when none are given', () => {
    const config = loadConfig(BaseServiceConfig, REQUIRED);
    expect(config.NATS_USER).toBeUndefined();
    expect(config.NATS_PASSWORD).toBeUndefined();
  });

  it('takes a user with its password', () => {
    const config = loadConfig(BaseServiceConfig, {
      ...REQUIRED,
      NATS_USER: 'intake',
      NATS_PASSWORD: 's3cret',
    });
    expect(config).toMatchObject({ NATS_USER: 'intake', NATS_PASSWORD: 's3cret' });
  });

  it('refuses a user without a password, naming the variable', () => {
    expect(() => loadConfig(BaseServiceConfig, { ...REQUIRED, NATS_USER: 'intake' })).toThrow(
      'NATS_PASSWORD: is required with NATS_USER',
    );
  });
});
