import { describe, expect, it } from '@jest/globals';
import {
  authorizationUrl,
  checkDiscovery,
  checkIdToken,
  codeChallenge,
  codeFromReturn,
  endSessionUrl,
  needsRefresh,
  newPendingSignIn,
  parseSettings,
  PENDING_MAX_AGE_MS,
  primaryRole,
  refreshRequestBody,
  SignInProblem,
  tokenRequestBody,
  type Discovery,
  type OidcSettings,
} from './oidc';

const ISSUER = 'https://id.example.gov/realms/city';
const SETTINGS: OidcSettings = {
  issuer: ISSUER,
  clientId: 'civitas-web',
  scopes: 'openid profile',
};
const DISCOVERY: Discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  end_session_endpoint: `${ISSUER}/protocol/openid-connect/logout`,
};
const REDIRECT = 'https://311.example.gov/sign-in/callback';

const problem = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SignInProblem);
    return (error as SignInProblem).code;
  }
  throw new Error('no problem was found');
};

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (claims: object) =>
  `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2lnbmF0dXJl`;

describe('PKCE (RFC 7636)', () => {
  it("computes S256 as the RFC's own example does", async () => {
    // RFC 7636, appendix B.
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh 43-character state, nonce and verifier for every sign-in', () => {
    const first = newPendingSignIn(REDIRECT, null);
    const second = newPendingSignIn(REDIRECT, null);
    for (const value of [first.state, first.nonce, first.verifier]) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(new Set([first.state, first.nonce, first.verifier, second.state]).size).toBe(4);
  });

  it('sends the provider the challenge of the kept verifier, the state and the nonce, never the verifier', async () => {
    const pending = newPendingSignIn(REDIRECT, '/supervisor');
    const url = new URL(await authorizationUrl(DISCOVERY, SETTINGS, pending));
    expect(`${url.origin}${url.pathname}`).toBe(DISCOVERY.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'civitas-web',
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      state: pending.state,
      nonce: pending.nonce,
      // S256 as checked against the RFC's example above.
      code_challenge: await codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain(pending.verifier);
  });

  it("names the gateway's audience in the parameter the provider wants, when it wants one", async () => {
    const pending = newPendingSignIn(REDIRECT, null);
    for (const parameter of ['audience', 'resource'] as const) {
      const settings = { ...SETTINGS, audience: { parameter, value: 'https://api.city.gov/' } };
      const url = new URL(await authorizationUrl(DISCOVERY, settings, pending));
      expect(url.searchParams.get(parameter)).toBe('https://api.city.gov/');
      expect(parseSettings(JSON.stringify(settings))).toEqual(settings);
    }
    const plain = new URL(await authorizationUrl(DISCOVERY, SETTINGS, pending));
    expect([plain.searchParams.has('audience'), plain.searchParams.has('resource')]).toEqual([
      false,
      false,
    ]);
    // Anything else in the page's settings is not sent to the provider.
    const odd = { ...SETTINGS, audience: { parameter: 'prompt', value: 'none' } };
    expect(parseSettings(JSON.stringify(odd))).toEqual(SETTINGS);
  });

  it('proves the verifier at the token endpoint with the same redirect URI', () => {
    const pending = newPendingSignIn(REDIRECT, null);
    expect(Object.fromEntries(tokenRequestBody('the-code', pending, SETTINGS))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: REDIRECT,
      client_id: 'civitas-web',
      code_verifier: pending.verifier,
    });
  });
});

describe('refreshing a session (RFC 6749 section 6)', () => {
  it('sends the refresh token as a public client, and the gateway as the resource where that is how the provider chooses the audience', () => {
    expect(Object.fromEntries(refreshRequestBody('the-refresh-token', SETTINGS))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'the-refresh-token',
      client_id: 'civitas-web',
    });
    const resource = {
      ...SETTINGS,
      audience: { parameter: 'resource' as const, value: 'https://api.example.gov/' },
    };
    expect(refreshRequestBody('r', resource).get('resource')).toBe('https://api.example.gov/');
    // Auth0 keeps the audience of the grant: it is not sent again.
    const auth0 = { ...SETTINGS, audience: { parameter: 'audience' as const, value: 'civitas' } };
    expect([...refreshRequestBody('r', auth0).keys()]).toEqual([
      'grant_type',
      'refresh_token',
      'client_id',
    ]);
  });

  it('refreshes a minute before the access token expires, not sooner', () => {
    const now = Date.parse('2026-12-08T10:00:00.000Z');
    expect(needsRefresh('2026-12-08T10:05:00.000Z', now)).toBe(false);
    expect(needsRefresh('2026-12-08T10:01:01.000Z', now)).toBe(false);
    expect(needsRefresh('2026-12-08T10:01:00.000Z', now)).toBe(true);
    expect(needsRefresh('2026-12-08T09:59:00.000Z', now)).toBe(true);
  });
});

describe('the return from the provider', () => {
  const pending = newPendingSignIn(REDIRECT, null);
  const search = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

  it('gives the code when the state is the one this tab sent', () => {
    expect(codeFromReturn(search({ code: 'c1', state: pending.state }), pending, ISSUER)).toBe(
      'c1',
    );
    expect(
      codeFromReturn(search({ code: 'c1', state: pending.state, iss: ISSUER }), pending, ISSUER),
    ).toBe('c1');
  });

  it('refuses a return whose state was changed, missing, or with no sign-in started', () => {
    const tampered = `${pending.state.slice(0, -1)}${pending.state.endsWith('A') ? 'B' : 'A'}`;
    expect(
      problem(() => codeFromReturn(search({ code: 'c1', state: tampered }), pending, ISSUER)),
    ).toBe('STATE_MISMATCH');
    expect(problem(() => codeFromReturn(search({ code: 'c1' }), pending, ISSUER))).toBe(
      'STATE_MISMATCH',
    );
    expect(
      problem(() => codeFromReturn(search({ code: 'c1', state: pending.state }), null, ISSUER)),
    ).toBe('NOT_STARTED');
  });

  it('refuses an answer naming another issuer (RFC 9207), and one that came back too late', () => {
    expect(
      problem(() =>
        codeFromReturn(
          search({ code: 'c1', state: pending.state, iss: 'https://evil.example' }),
          pending,
          ISSUER,
        ),
      ),
    ).toBe('ISSUER_MISMATCH');
    expect(
      problem(() =>
        codeFromReturn(
          search({ code: 'c1', state: pending.state }),
          pending,
          ISSUER,
          pending.startedAt + PENDING_MAX_AGE_MS + 1,
        ),
      ),
    ).toBe('TOO_OLD');
  });

  it("passes on the provider's refusal in its own words", () => {
    try {
      codeFromReturn(
        search({
          error: 'access_denied',
          error_description: 'the person cancelled',
          state: pending.state,
        }),
        pending,
        ISSUER,
      );
      throw new Error('accepted');
    } catch (error) {
      expect(error).toMatchObject({ code: 'PROVIDER_REFUSED', detail: 'the person cancelled' });
    }
  });
});

describe('the ID token', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const claims = {
    iss: ISSUER,
    aud: 'civitas-web',
    nonce: 'the-nonce',
    sub: 'jdoe',
    exp: now / 1000 + 300,
  };
  const expected = { issuer: ISSUER, clientId: 'civitas-web', nonce: 'the-nonce' };

  it('is accepted when it answers this sign-in', () => {
    expect(() => checkIdToken(idToken(claims), expected, now)).not.toThrow();
    expect(() =>
      checkIdToken(idToken({ ...claims, aud: ['other', 'civitas-web'] }), expected, now),
    ).not.toThrow();
  });

  it.each([
    ['another nonce (a replayed token)', { nonce: 'other' }],
    ['no nonce', { nonce: undefined }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['another client', { aud: 'other-app' }],
    ['an expired token', { exp: now / 1000 - 3600 }],
  ])('is refused with %s', (_, change) => {
    expect(problem(() => checkIdToken(idToken({ ...claims, ...change }), expected, now))).toBe(
      'ID_TOKEN',
    );
  });

  it('is refused when it is not a JWT', () => {
    expect(problem(() => checkIdToken('opaque', expected, now))).toBe('ID_TOKEN');
    expect(problem(() => checkIdToken('a.!!!.c', expected, now))).toBe('ID_TOKEN');
  });
});

describe('discovery, settings, sign-out and the role', () => {
  it("accepts the issuer's own discovery document and refuses another issuer's", () => {
    expect(checkDiscovery({ ...DISCOVERY, jwks_uri: 'x' }, ISSUER)).toEqual(DISCOVERY);
    expect(
      problem(() => checkDiscovery({ ...DISCOVERY, issuer: 'https://evil.example' }, ISSUER)),
    ).toBe('DISCOVERY');
    expect(
      problem(() => checkDiscovery({ ...DISCOVERY, token_endpoint: 'javascript:1' }, ISSUER)),
    ).toBe('DISCOVERY');
  });

  it('reads the settings the gateway wrote, and nothing from a page without them', () => {
    expect(parseSettings(JSON.stringify(SETTINGS))).toEqual(SETTINGS);
    expect(parseSettings(undefined)).toBeNull();
    expect(parseSettings('{"issuer":1}')).toBeNull();
    expect(parseSettings('not json')).toBeNull();
  });

  it('signs out at the end-session endpoint with the ID token as hint, when there is one', () => {
    const url = new URL(
      endSessionUrl(DISCOVERY, SETTINGS, 'id.token.x', 'https://311.example.gov/')!,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: 'id.token.x',
      client_id: 'civitas-web',
      post_logout_redirect_uri: 'https://311.example.gov/',
    });
    const { end_session_endpoint: _, ...without } = DISCOVERY;
    expect(endSessionUrl(without, SETTINGS, 'id.token.x', '/')).toBeUndefined();
  });

  it('chooses the pages by the role that sees most', () => {
    expect(primaryRole(['analyst', 'supervisor'])).toBe('supervisor');
    expect(primaryRole(['resident'])).toBe('resident');
    expect(primaryRole([])).toBe('');
  });
});
