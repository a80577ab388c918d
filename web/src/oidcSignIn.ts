import {
  authorizationUrl,
  checkDiscovery,
  checkIdToken,
  codeFromReturn,
  discoveryUrl,
  endSessionUrl,
  newPendingSignIn,
  primaryRole,
  SignInProblem,
  tokenRequestBody,
  type Discovery,
  type OidcSettings,
  parseSettings,
  type PendingSignIn,
} from './oidc';
import type { Session } from './session';

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
  const tokens = (await tokenResponse.json()) as { access_token?: string; id_token?: string };
  if (!tokens.access_token || !tokens.id_token) {
    throw new SignInProblem('TOKEN', 'no access token or ID token');
  }
  checkIdToken(tokens.id_token, {
    issuer: settings.issuer,
    clientId: settings.clientId,
    nonce: pending!.nonce,
  });
  // The gateway verifies the access token; the pages show what it found there.
  const verified = await fetch('/auth/session', {
    headers: { authorization: `Bearer ${tokens.access_token}` },
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
  const signOutUrl = endSessionUrl(
    discovery,
    settings,
    tokens.id_token,
    `${window.location.origin}/`,
  );
  return {
    session: {
      token: tokens.access_token,
      sub: who.sub,
      role: primaryRole(who.roles),
      roles: who.roles,
      departments: who.departments,
      expiresAt: who.expiresAt,
      ...(signOutUrl ? { signOutUrl } : {}),
    },
    next: pending!.next,
  };
}
