/**
 * The pure steps of the OpenID Connect sign-in (authorization code with PKCE, docs/adr/0091):
 * what goes to the provider, and what must be true of what comes back. The browser's part (the
 * redirect, the token request) is in `oidcSignIn.ts`; everything here is checked in
 * `oidc.spec.ts`.
 */

/** What the gateway tells the app (`<meta name="civitas-sign-in">`): never a secret. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  /**
   * For providers that choose the access token's audience from a parameter of the authorization
   * request (Auth0's `audience`, RFC 8707's `resource`): the parameter and the gateway's audience.
   */
  audience?: { parameter: 'audience' | 'resource'; value: string };
}

/** The parts of the provider's discovery document the sign-in uses. */
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** Kept in sessionStorage from the redirect to the provider until the return, and no longer. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** Where to go once signed in (a path in this app), if a page sent the person to sign in. */
  next: string | null;
  startedAt: number;
}

/** Why a sign-in failed, each said in words on the page (`oidc.problems.*`). */
export type SignInProblemCode =
  | 'NOT_STARTED'
  | 'TOO_OLD'
  | 'STATE_MISMATCH'
  | 'ISSUER_MISMATCH'
  | 'PROVIDER_REFUSED'
  | 'NO_CODE'
  | 'DISCOVERY'
  | 'TOKEN'
  | 'ID_TOKEN'
  | 'GATEWAY_REFUSED'
  | 'NETWORK';

export class SignInProblem extends Error {
  constructor(
    readonly code: SignInProblemCode,
    /** The provider's or the gateway's own words, when they gave any. */
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** Longest time between leaving for the provider and coming back (a person typing a password). */
export const PENDING_MAX_AGE_MS = 15 * 60 * 1000;
const CLOCK_TOLERANCE_SECONDS = 60;

/** The settings the gateway wrote into the page, or null: no OpenID Connect sign-in here. */
export function parseSettings(content: string | null | undefined): OidcSettings | null {
  if (!content) {
    return null;
  }
  try {
    const value = JSON.parse(content) as Partial<OidcSettings>;
    if (
      typeof value.issuer !== 'string' ||
      typeof value.clientId !== 'string' ||
      typeof value.scopes !== 'string'
    ) {
      return null;
    }
    const settings: OidcSettings = {
      issuer: value.issuer,
      clientId: value.clientId,
      scopes: value.scopes,
    };
    const audience = value.audience;
    if (
      audience &&
      (audience.parameter === 'audience' || audience.parameter === 'resource') &&
      typeof audience.value === 'string'
    ) {
      settings.audience = { parameter: audience.parameter, value: audience.value };
    }
    return settings;
  } catch {
    return null;
  }
}

/** The discovery document's URL for an issuer (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * The discovery document, if it is the configured issuer's: a document naming another issuer, or
 * endpoints that are not URLs, is refused (a mix-up would send the code elsewhere).
 */
export function checkDiscovery(document: unknown, issuer: string): Discovery {
  const doc = (document ?? {}) as Record<string, unknown>;
  if (doc.issuer !== issuer) {
    throw new SignInProblem('DISCOVERY', `the document names issuer ${String(doc.issuer)}`);
  }
  const endpoint = (name: string, required: boolean): string | undefined => {
    const value = doc[name];
    if (value === undefined && !required) {
      return undefined;
    }
    if (typeof value !== 'string' || !/^https?:\/\//.test(value)) {
      throw new SignInProblem('DISCOVERY', `${name} is not a URL`);
    }
    return value;
  };
  const endSession = endpoint('end_session_endpoint', false);
  return {
    issuer,
    authorization_endpoint: endpoint('authorization_endpoint', true)!,
    token_endpoint: endpoint('token_endpoint', true)!,
    ...(endSession ? { end_session_endpoint: endSession } : {}),
  };
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes (Web Crypto), base64url: 43 characters, as RFC 7636 asks of a verifier. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636's S256 challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh state, nonce and verifier for one trip to the provider. */
export function newPendingSignIn(redirectUri: string, next: string | null): PendingSignIn {
  return {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    redirectUri,
    next,
    startedAt: Date.now(),
  };
}

/** Where the browser goes to sign in. */
export async function authorizationUrl(
  discovery: Discovery,
  settings: OidcSettings,
  pending: PendingSignIn,
): Promise<string> {
  const url = new URL(discovery.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ...(settings.audience ? { [settings.audience.parameter]: settings.audience.value } : {}),
  };
  for (const [name, value] of Object.entries(params)) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

/**
 * The authorization code from the provider's answer (`?code=…&state=…`), if it answers the sign-in
 * this tab started: the same state (else someone else's code is being slipped in), the configured
 * issuer when the provider names one (RFC 9207), and not started too long ago.
 */
export function codeFromReturn(
  search: string,
  pending: PendingSignIn | null,
  issuer: string,
  now = Date.now(),
): string {
  const params = new URLSearchParams(search);
  if (!pending) {
    throw new SignInProblem('NOT_STARTED');
  }
  if (params.get('state') !== pending.state) {
    throw new SignInProblem('STATE_MISMATCH');
  }
  const iss = params.get('iss');
  if (iss !== null && iss !== issuer) {
    throw new SignInProblem('ISSUER_MISMATCH', iss);
  }
  const error = params.get('error');
  if (error) {
    throw new SignInProblem('PROVIDER_REFUSED', params.get('error_description') ?? error);
  }
  if (now - pending.startedAt > PENDING_MAX_AGE_MS) {
    throw new SignInProblem('TOO_OLD');
  }
  const code = params.get('code');
  if (!code) {
    throw new SignInProblem('NO_CODE');
  }
  return code;
}

/** The token request's form body (a public client: the verifier proves it is the same one). */
export function tokenRequestBody(
  code: string,
  pending: PendingSignIn,
  settings: OidcSettings,
): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: settings.clientId,
    code_verifier: pending.verifier,
  });
}

/**
 * The refresh request's form body (RFC 6749 section 6, a public client): the refresh token, and the
 * gateway as the resource again where the provider takes it from the request (RFC 8707 allows it
 * here; Auth0's `audience` is kept by the grant and not sent again).
 */
export function refreshRequestBody(refreshToken: string, settings: OidcSettings): URLSearchParams {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: settings.clientId,
  });
  if (settings.audience?.parameter === 'resource') {
    body.set('resource', settings.audience.value);
  }
  return body;
}

/** How long before its access token expires a session is refreshed (a request takes a while). */
export const REFRESH_AHEAD_MS = 60 * 1000;

/** True when a session that can be refreshed should be, before the next request. */
export function needsRefresh(expiresAt: string, now = Date.now()): boolean {
  return Date.parse(expiresAt) - now <= REFRESH_AHEAD_MS;
}

/** A JWT's payload, read but not verified (the gateway verifies what it relies on). */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) {
    throw new SignInProblem('ID_TOKEN', 'not a JWT');
  }
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new SignInProblem('ID_TOKEN', 'not a JWT');
  }
}

/**
 * The ID token answers this sign-in: from the issuer, for this client, carrying the nonce sent,
 * not expired. It came straight from the token endpoint over TLS, which OpenID Connect Core
 * (3.1.3.7) accepts in place of checking its signature; the app uses it for nothing but this check
 * and the hint when signing out.
 */
export function checkIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string },
  now = Date.now(),
): void {
  const claims = jwtPayload(idToken);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expected.issuer) {
    throw new SignInProblem('ID_TOKEN', 'another issuer');
  }
  if (!audiences.includes(expected.clientId)) {
    throw new SignInProblem('ID_TOKEN', 'another client');
  }
  if (claims.nonce !== expected.nonce) {
    throw new SignInProblem('ID_TOKEN', 'another sign-in (nonce)');
  }
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_SECONDS < now / 1000) {
    throw new SignInProblem('ID_TOKEN', 'expired');
  }
}

/** Where signing out sends the browser, when the provider has an end-session endpoint. */
export function endSessionUrl(
  discovery: Discovery,
  settings: OidcSettings,
  idToken: string,
  postLogoutRedirectUri: string,
): string | undefined {
  if (!discovery.end_session_endpoint) {
    return undefined;
  }
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.toString();
}

/**
 * The role the app's pages are chosen by, from the roles the gateway verified: the one that sees
 * most. None: '' (the API refuses such a caller everything a role guards; the pages say so).
 */
const ROLE_ORDER = [
  'admin',
  'supervisor',
  'caseworker',
  'agent',
  'analyst',
  'integration',
  'resident',
];

export function primaryRole(roles: readonly string[]): string {
  return ROLE_ORDER.find((role) => roles.includes(role)) ?? '';
}
