import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@civitas/config';
import { GatewayConfig } from './gateway.config.js';

const SECRET = 'gateway-secret-for-tests-0123456789';
const DEV_KEY = 'dev-signing-key-for-tests-0123456789';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(GatewayConfig, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems.map((p) => p.variable);
  }
}

describe('GatewayConfig', () => {
  it('starts in development with the dev key and default subgraph URLs', () => {
    const config = loadConfig(GatewayConfig, {
      GATEWAY_SECRET: SECRET,
      AUTH_DEV_SIGNING_KEY: DEV_KEY,
    });
    expect(config.PORT).toBe(4000);
    expect(config.subgraphUrls.cases).toEqual(['http://127.0.0.1:4002/graphql']);
    expect(config.SUPERGRAPH_PATH).toMatch(/gateway\/supergraph\.graphql$/);
  });

  it('needs some way to verify tokens', () => {
    expect(problems({ GATEWAY_SECRET: SECRET })).toEqual(['AUTH_DEV_SIGNING_KEY']);
  });

  it('refuses production without a JWKS URL, issuer, audience and public URL', () => {
    expect(problems({ NODE_ENV: 'production', GATEWAY_SECRET: SECRET })).toEqual([
      'AUTH_JWKS_URL',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'PUBLIC_URL',
    ]);
  });

  it('takes the public URL from PUBLIC_URL, else from the listen address, never a wildcard', () => {
    const dev = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(loadConfig(GatewayConfig, { ...dev, PORT: '4100' }).publicUrl).toBe(
      'http://127.0.0.1:4100',
    );
    expect(loadConfig(GatewayConfig, { ...dev, HOST: '0.0.0.0' }).publicUrl).toBe(
      'http://127.0.0.1:4000',
    );
    expect(
      loadConfig(GatewayConfig, { ...dev, PUBLIC_URL: 'https://311.example.gov/' }).publicUrl,
    ).toBe('https://311.example.gov');
    // PORT=0 (tests, and any launcher that lets the OS choose): the URL names the port bound.
    expect(loadConfig(GatewayConfig, { ...dev, PORT: '0' }).publicUrlListeningOn(38505)).toBe(
      'http://127.0.0.1:38505',
    );
    expect(problems({ ...dev, PUBLIC_URL: 'javascript:alert(1)' })).toEqual(['PUBLIC_URL']);
    expect(problems({ ...dev, PUBLIC_URL: 'https://311.example.gov/?x=1' })).toEqual([
      'PUBLIC_URL',
    ]);
  });

  it('refuses the dev signing key in production', () => {
    const env = {
      NODE_ENV: 'production',
      GATEWAY_SECRET: SECRET,
      AUTH_JWKS_URL: 'https://idp.example.gov/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example.gov/',
      AUTH_AUDIENCE: 'civitas',
      PUBLIC_URL: 'https://311.example.gov',
    };
    expect(problems(env)).toEqual([]);
    expect(problems({ ...env, AUTH_DEV_SIGNING_KEY: DEV_KEY })).toEqual(['AUTH_DEV_SIGNING_KEY']);
  });

  it('needs an issuer and audience whenever tokens come from a JWKS', () => {
    expect(
      problems({ GATEWAY_SECRET: SECRET, AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }),
    ).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE']);
  });

  it("gives the web app an OpenID Connect client only with an identity provider's URLs (docs/adr/0091)", () => {
    const idp = {
      GATEWAY_SECRET: SECRET,
      AUTH_JWKS_URL: 'https://idp.example.gov/jwks',
      AUTH_ISSUER: 'https://idp.example.gov/realms/city',
      AUTH_AUDIENCE: 'civitas',
    };
    expect(loadConfig(GatewayConfig, idp).webSignIn).toBeUndefined();
    expect(
      loadConfig(GatewayConfig, { ...idp, AUTH_WEB_CLIENT_ID: 'civitas-web' }).webSignIn,
    ).toEqual({
      issuer: 'https://idp.example.gov/realms/city',
      clientId: 'civitas-web',
      scopes: 'openid profile',
    });
    // The app finds the provider from the issuer: it must be a URL.
    expect(
      problems({ ...idp, AUTH_ISSUER: 'city-idp', AUTH_WEB_CLIENT_ID: 'civitas-web' }),
    ).toEqual(['AUTH_WEB_CLIENT_ID']);
    expect(
      problems({
        GATEWAY_SECRET: SECRET,
        AUTH_DEV_SIGNING_KEY: DEV_KEY,
        AUTH_WEB_CLIENT_ID: 'civitas-web',
      }),
    ).toEqual(['AUTH_WEB_CLIENT_ID']);
    expect(problems({ ...idp, AUTH_WEB_CLIENT_ID: 'civitas web' })).toEqual(['AUTH_WEB_CLIENT_ID']);
    expect(problems({ ...idp, AUTH_WEB_SCOPES: 'profile email' })).toEqual(['AUTH_WEB_SCOPES']);
    expect(problems({ ...idp, AUTH_WEB_SCOPES: 'openid profile api://civitas/staff' })).toEqual([]);
  });

  it('names the audience in the authorization request for providers that want it there', () => {
    const idp = {
      GATEWAY_SECRET: SECRET,
      AUTH_JWKS_URL: 'https://tenant.auth0.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://tenant.auth0.example/',
      AUTH_AUDIENCE: 'https://api.civitas.example.gov/',
      AUTH_WEB_CLIENT_ID: 'civitas-web',
    };
    expect(
      loadConfig(GatewayConfig, { ...idp, AUTH_WEB_AUDIENCE_PARAMETER: 'audience' }).webSignIn
        ?.audience,
    ).toEqual({ parameter: 'audience', value: 'https://api.civitas.example.gov/' });
    expect(
      loadConfig(GatewayConfig, { ...idp, AUTH_WEB_AUDIENCE_PARAMETER: 'resource' }).webSignIn
        ?.audience,
    ).toEqual({ parameter: 'resource', value: 'https://api.civitas.example.gov/' });
    expect(loadConfig(GatewayConfig, idp).webSignIn?.audience).toBeUndefined();
    expect(problems({ ...idp, AUTH_WEB_AUDIENCE_PARAMETER: 'aud' })).toEqual([
      'AUTH_WEB_AUDIENCE_PARAMETER',
    ]);
    // A resource indicator is an absolute URI (RFC 8707); an audience may be any string.
    const named = { ...idp, AUTH_AUDIENCE: 'civitas' };
    expect(problems({ ...named, AUTH_WEB_AUDIENCE_PARAMETER: 'resource' })).toEqual([
      'AUTH_WEB_AUDIENCE_PARAMETER',
    ]);
    expect(problems({ ...named, AUTH_WEB_AUDIENCE_PARAMETER: 'audience' })).toEqual([]);
  });

  it('caps token lifetimes at 24 hours unless configured, between a minute and a week', () => {
    const dev = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(loadConfig(GatewayConfig, dev).AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(86400);
    expect(
      loadConfig(GatewayConfig, { ...dev, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' })
        .AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    ).toBe(3600);
    for (const bad of ['0', '30', '604801', 'forever']) {
      expect(problems({ ...dev, AUTH_MAX_TOKEN_LIFETIME_SECONDS: bad })).toEqual([
        'AUTH_MAX_TOKEN_LIFETIME_SECONDS',
      ]);
    }
  });

  it('refuses a short gateway secret', () => {
    expect(problems({ GATEWAY_SECRET: 'short', AUTH_DEV_SIGNING_KEY: DEV_KEY })).toEqual([
      'GATEWAY_SECRET',
    ]);
  });

  it('takes CORS origins only as exact origins, never a wildcard', () => {
    const base = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    const config = loadConfig(GatewayConfig, {
      ...base,
      CORS_ORIGINS: 'https://app.example.gov, http://localhost:5173/',
    });
    expect(config.corsOrigins).toEqual(['https://app.example.gov', 'http://localhost:5173']);
    for (const bad of [
      '*',
      'https://*.example.gov',
      'https://app.example.gov/path',
      'app.example.gov',
    ]) {
      expect(problems({ ...base, CORS_ORIGINS: bad })).toEqual(['CORS_ORIGINS']);
    }
  });

  it('serves metrics only when METRICS_PORT is set, on loopback unless told', () => {
    const base = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(loadConfig(GatewayConfig, base).METRICS_PORT).toBeUndefined();
    const config = loadConfig(GatewayConfig, { ...base, METRICS_PORT: '9464' });
    expect([config.METRICS_PORT, config.METRICS_HOST]).toEqual([9464, '127.0.0.1']);
    expect(problems({ ...base, METRICS_PORT: 'nine' })).toEqual(['METRICS_PORT']);
  });

  it('names a strict operation list that is not field names', () => {
    const base = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(
      loadConfig(GatewayConfig, {
        ...base,
        RATE_LIMIT_STRICT_OPERATIONS: 'a, verifyMyContactPoint',
      }).strictOperations,
    ).toEqual(['a', 'verifyMyContactPoint']);
    expect(problems({ ...base, RATE_LIMIT_STRICT_OPERATIONS: 'verify-code' })).toEqual([
      'RATE_LIMIT_STRICT_OPERATIONS',
    ]);
    expect(problems({ ...base, RATE_LIMIT_MAX: '0' })).toEqual(['RATE_LIMIT_MAX']);
  });

  it('bounds request variables by default, and refuses limits that are not whole numbers', () => {
    const base = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    const config = loadConfig(GatewayConfig, base);
    expect([
      config.MAX_VARIABLE_LIST_ITEMS,
      config.MAX_VARIABLE_DEPTH,
      config.MAX_VARIABLE_STRING_LENGTH,
      config.MAX_VARIABLE_VALUES,
      config.MAX_VARIABLE_ERRORS,
    ]).toEqual([1000, 10, 16_384, 25_000, 50]);
    expect(problems({ ...base, MAX_VARIABLE_LIST_ITEMS: 'many' })).toEqual([
      'MAX_VARIABLE_LIST_ITEMS',
    ]);
    expect(problems({ ...base, MAX_VARIABLE_DEPTH: '101' })).toEqual(['MAX_VARIABLE_DEPTH']);
    expect(problems({ ...base, MAX_VARIABLE_ERRORS: '0' })).toEqual(['MAX_VARIABLE_ERRORS']);
  });

  it('admits 64 requests at once by default, and refuses a limit that is not a positive whole number', () => {
    const base = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(loadConfig(GatewayConfig, base).MAX_IN_FLIGHT).toBe(64);
    expect(loadConfig(GatewayConfig, { ...base, MAX_IN_FLIGHT: '2' }).MAX_IN_FLIGHT).toBe(2);
    for (const wrong of ['0', '-1', '1.5', 'lots']) {
      expect(problems({ ...base, MAX_IN_FLIGHT: wrong })).toEqual(['MAX_IN_FLIGHT']);
    }
  });

  it('takes a map tile URL only as an https template with {z}, {x} and {y}', () => {
    const dev = { GATEWAY_SECRET: SECRET, AUTH_DEV_SIGNING_KEY: DEV_KEY };
    expect(loadConfig(GatewayConfig, dev).mapTileOrigin).toBeUndefined();
    expect(
      loadConfig(GatewayConfig, {
        ...dev,
        WEB_MAP_TILE_URL: 'https://tiles.example.gov:8443/{z}/{x}/{y}.png',
      }).mapTileOrigin,
    ).toBe('https://tiles.example.gov:8443');
    for (const url of [
      'http://tiles.example.gov/{z}/{x}/{y}.png',
      'https://tiles.example.gov/{x}/{y}/{z}.png',
      'https://tiles.example.gov/tile.png',
      'https://{s}.tiles.example.gov/{z}/{x}/{y}.png',
      'https://tiles.example.gov/{z}/{x}/{y}.png" onerror="x',
    ]) {
      expect([url, problems({ ...dev, WEB_MAP_TILE_URL: url })]).toEqual([
        url,
        ['WEB_MAP_TILE_URL'],
      ]);
    }
  });
});
