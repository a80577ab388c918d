import {
  authorizationUrl,
  checkDiscovery,
  checkIdToken,
  codeFromReturn,
  discoveryUrl,
  endSessionUrl,
  needsRefresh,
  newPendingSignIn,
  primaryRole,
  refreshRequestBody,
  SignInProblem,
  tokenRequestBody,
  type Discovery,
  type OidcSettings,
  parseSettings,
  type PendingSignIn,
} from './oidc';
import { currentSession, saveSession, type Session } from './session';

/*
 * The browser's part of the OpenID Connect sign-in (docs/adr/0091): to the provider and back,
 * the code exchanged at its token endpoint, and the gateway asked who the token names.
 */

const PENDING_KEY = 'civitas.oidc.pending';
/** The page the provider sends the browser back to; register `<PUBLIC_URL>/sign-in/callback`. */
export const CALLBACK_PATH = '/sign-in/callback';

/** The gateway's settings for this deployment, or null: only the development sign-in. */
export function oidcSettings(): OidcSettings | null {
  return parseSettings(
    document.querySelector<HTMLMetaElement>('meta[name="civitas-sign-in"]')?.content,
  );
}

async function discover(settings: OidcSettings): Promise<Discovery> {
  let response: Response;
  try {
    response = await fetch(discoveryUrl(settings.issuer), {
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new SignInProblem('NETWORK');
  }
  if (!response.ok) {
    throw new SignInProblem('DISCOVERY', `${response.status} ${response.statusText}`);
  }
  return checkDiscovery(await response.json().catch(() => null), settings.issuer);
}

/** Leaves for the provider's sign-in page; the verifier stays in this tab until the return. */
export async function startOidcSignIn(settings: OidcSettings, next: string | null): Promise<void> {
  const discovery = await discover(settings);
  const pending = newPendingSignIn(`${window.location.origin}${CALLBACK_PATH}`, next);
  const url = await authorizationUrl(discovery, settings, pending);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(url);
}

/** The sign-in this tab started, taken out of storage: a return is answered once. */
function takePending(): PendingSignIn | null {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return stored ? (JSON.parse(stored) as PendingSignIn) : null;
  } catch {
    return null;
  }
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    error_description?: string;
    errors?: { message?: string }[];
  };
  return (
    body.errors?.[0]?.message ??
    body.error_description ??
    body.error ??
    `${response.status} ${response.statusText}`
  );
}

/** The provider's return (`search` of the callback page) made into a session, or a SignInProblem. */
export async function finishOidcSignIn(
  settings: OidcSettings,
  search: string,
): Promise<{ session: Session; next: string | null }> {
  const pending = takePending();
  const code = codeFromReturn(search, pending, settings.issuer);
  const discovery = await discover(settings);
  let tokenResponse: Response;
  try {
    tokenResponse = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: tokenRequestBody(code, pending!, settings),
    });
  } catch {
    throw new SignInProblem('NETWORK');
  }
  if (!tokenResponse.ok) {
    throw new SignInProblem('TOKEN', await readError(tokenResponse));
  }
  const tokens = (await tokenResponse.json()) as TokenAnswer;
  if (!tokens.access_token || !tokens.id_token) {
    throw new SignInProblem('TOKEN', 'no access token or ID token');
  }
  checkIdToken(tokens.id_token, {
    issuer: settings.issuer,
    clientId: settings.clientId,
    nonce: pending!.nonce,
  });
  const signOutUrl = endSessionUrl(
    discovery,
    settings,
    tokens.id_token,
    `${window.location.origin}/`,
  );
  return {
    session: {
      ...(await verifiedSession(tokens.access_token)),
      ...(signOutUrl ? { signOutUrl } : {}),
      ...(tokens.refresh_token
        ? { refresh: { token: tokens.refresh_token, tokenEndpoint: discovery.token_endpoint } }
        : {}),
    },
    next: pending!.next,
  };
}

interface TokenAnswer {
  access_token?: string;
  id_token?: string;
  refresh_token?: string;
}

/** The gateway verifies the access token; the pages show what it found there. */
async function verifiedSession(accessToken: string): Promise<Session> {
  const verified = await fetch('/auth/session', {
    headers: { authorization: `Bearer ${accessToken}` },
  }).catch(() => {
    throw new SignInProblem('NETWORK');
  });
  if (!verified.ok) {
    throw new SignInProblem('GATEWAY_REFUSED', await readError(verified));
  }
  const who = (await verified.json()) as {
    sub: string;
    roles: string[];
    departments: string[];
    expiresAt: string;
  };
  return {
    token: accessToken,
    sub: who.sub,
    role: primaryRole(who.roles),
    roles: who.roles,
    departments: who.departments,
    expiresAt: who.expiresAt,
  };
}

/** The refresh under way, so that requests made together spend the refresh token once. */
let refreshing: Promise<Session | null> | null = null;

/**
 * The session to call the API with: the stored one, refreshed first at the provider when its access
 * token is about to expire and the provider gave a refresh token (docs/adr/0098). A refresh the
 * provider refuses ends the session (null: the person signs in again); one that cannot reach the
 * provider, or finds it failing (5xx), leaves it as it is, to be tried again on the next request.
 */
export function freshSession(): Promise<Session | null> {
  const session = currentSession();
  if (!session?.refresh || !needsRefresh(session.expiresAt)) {
    return Promise.resolve(session);
  }
  refreshing ??= refresh(session, session.refresh).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refresh(
  session: Session,
  grant: NonNullable<Session['refresh']>,
): Promise<Session | null> {
  const settings = oidcSettings();
  if (!settings) {
    return session;
  }
  let response: Response;
  try {
    response = await fetch(grant.tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: refreshRequestBody(grant.token, settings),
    });
  } catch {
    return session;
  }
  if (response.status >= 500) {
    return session; // the provider is down, not refusing: try again on the next request
  }
  const tokens = (await response.json().catch(() => ({}))) as TokenAnswer;
  let renewed: Session | null = null;
  if (response.ok && tokens.access_token) {
    renewed = await verifiedSession(tokens.access_token)
      .then((verified) => ({
        ...verified,
        ...(session.signOutUrl ? { signOutUrl: session.signOutUrl } : {}),
        // Providers rotate refresh tokens: the old one is spent once the new one is issued.
        refresh: { ...grant, token: tokens.refresh_token ?? grant.token },
      }))
      .catch(() => null);
  }
  saveSession(renewed);
  return renewed;
}
