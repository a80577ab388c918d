/**
 * Who is signed in: a bearer token kept for this browser tab only (sessionStorage), never the
 * key that signs it. Development tokens come from the gateway's `POST /auth/dev-token`; in
 * production the identity provider issues them (OpenID Connect, `oidcSignIn.ts`, docs/adr/0091).
 */
export interface Session {
  token: string;
  sub: string;
  /** The role the pages are chosen by (the gateway checks every call again). */
  role: string;
  /** Every role the gateway read from the token (OpenID Connect sign-in). */
  roles?: string[];
  departments: string[];
  expiresAt: string;
  /** The identity provider's end-session URL for this sign-in, when it has one. */
  signOutUrl?: string;
  /**
   * A refresh token from the identity provider and where to spend it, when it gave one: the app
   * gets a new access token before this one expires (`oidcSignIn.ts`, docs/adr/0098).
   */
  refresh?: { token: string; tokenEndpoint: string };
}

const KEY = 'civitas.session';

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) {
    return null;
  }
  const session = JSON.parse(stored) as Session;
  // Expired, and nothing to renew it with: signed out. One that can be refreshed still stands; the
  // next request refreshes it, and a refusal then signs the person out.
  if (Date.parse(session.expiresAt) <= Date.now() && !session.refresh) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

export function saveSession(session: Session | null): void {
  if (session) {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } else {
    sessionStorage.removeItem(KEY);
  }
}

export class SignInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Mints a development token at the gateway (404 there: no development sign-in). */
export async function devSignIn(
  role: string,
  departments: string[],
  sub?: string,
): Promise<Session> {
  const response = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, departments, sub }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<Session> & {
    error?: { message: string; field?: string };
  };
  if (!response.ok || !body.token) {
    throw new SignInError(
      response.status,
      body.error?.message ?? response.statusText,
      body.error?.field,
    );
  }
  return body as Session;
}
