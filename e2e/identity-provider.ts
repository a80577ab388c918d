import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';

/** Someone who can sign in at the provider (by typing `login`, any password), and their claims. */
export interface TestAccount {
  login: string;
  roles: string[];
  departments?: string[];
}

export interface TestIdentityProviderOptions {
  /**
   * The `aud` of the access tokens: the gateway's AUTH_AUDIENCE, an absolute URI, which the app
   * names as the `resource` of its authorization request (RFC 8707).
   */
  audience: string;
  accounts: TestAccount[];
  /** How long the gateway's access tokens live (default 600 s); shorter to see them refreshed. */
  accessTokenSeconds?: number;
}

/** The scope the provider grants for the gateway's API (send it: `openid profile api`). */
export const API_SCOPE = 'api';

/**
 * A real OpenID Connect provider (node-oidc-provider) on loopback, on a port the OS picks, for the
 * web app's sign-in (docs/adr/0091): its own login and consent pages (`devInteractions`), JWT
 * access tokens for the gateway carrying the account's `roles` and `departments`, refresh tokens
 * (rotated) and RP-initiated logout. The web app's client is registered by `registerWebApp` once the gateway's
 * address is known (the gateway needs the issuer's first).
 */
export class TestIdentityProvider {
  private handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(503).end();
  private tamper: ((location: string) => string) | undefined;
  private refusing = false;
  /** The grant type of every token the provider issued, in order (`authorization_code`, …). */
  readonly grants: string[] = [];

  private constructor(
    private readonly server: Server,
    private readonly options: TestIdentityProviderOptions,
    private readonly signingKey: Record<string, unknown>,
  ) {
    server.on('request', (req, res) => {
      if (this.refusing && req.method === 'POST' && req.url === '/token') {
        // What a provider answers a revoked or expired refresh token (RFC 6749 section 5.2).
        res.writeHead(400, {
          'content-type': 'application/json',
          'access-control-allow-origin': req.headers.origin ?? '*',
        });
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'grant revoked' }));
        return;
      }
      const tamper = this.tamper;
      if (tamper) {
        // What an attacker between the provider and the browser could do to the way back.
        const setHeader = res.setHeader.bind(res);
        res.setHeader = (name, value) =>
          setHeader(
            name,
            name.toLowerCase() === 'location' && typeof value === 'string' ? tamper(value) : value,
          );
      }
      this.handler(req, res);
    });
  }

  static async start(options: TestIdentityProviderOptions): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const key = { ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };
    return new TestIdentityProvider(server, options, key);
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** The gateway's environment for verifying this provider's tokens and signing in with it. */
  gatewayEnv(clientId: string): Record<string, string> {
    return {
      AUTH_DEV_SIGNING_KEY: '',
      AUTH_JWKS_URL: this.jwksUrl,
      AUTH_ISSUER: this.issuer,
      AUTH_AUDIENCE: this.options.audience,
      AUTH_WEB_CLIENT_ID: clientId,
      AUTH_WEB_SCOPES: `openid profile ${API_SCOPE}`,
      AUTH_WEB_AUDIENCE_PARAMETER: 'resource',
    };
  }

  /** A public client (no secret, PKCE) returning to the app at `appBase`. */
  registerWebApp(clientId: string, appBase: string): void {
    const accounts = new Map(this.options.accounts.map((a) => [a.login, a]));
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: clientId,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: [`${appBase}/sign-in/callback`],
          post_logout_redirect_uris: [`${appBase}/`],
        },
      ],
      jwks: { keys: [this.signingKey as never] },
      ttl: {
        AuthorizationCode: 60,
        AccessToken: this.options.accessTokenSeconds ?? 600,
        RefreshToken: 3600,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      // The token endpoint answers the app's own origin only.
      clientBasedCORS: (_ctx, origin) => origin === new URL(appBase).origin,
      findAccount: (_ctx, id) =>
        accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, name: id }) } : undefined,
      features: {
        devInteractions: { enabled: true },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          // No default: a JWT for the gateway only when the app names it as the resource, as
          // providers that take the audience from the request do (Auth0's `audience` likewise).
          // Without it the access token is an opaque one the gateway refuses.
          defaultResource: () => undefined,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => {
            if (resource !== this.options.audience) {
              throw new errors.InvalidTarget();
            }
            return {
              scope: API_SCOPE,
              audience: this.options.audience,
              accessTokenTTL: this.options.accessTokenSeconds ?? 600,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
      // A refresh token for every sign-in of a client allowed the grant, as Keycloak issues them
      // (Auth0 and others ask for the `offline_access` scope instead); rotated on each use.
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      extraTokenClaims: (_ctx, token) => {
        const account = 'accountId' in token ? accounts.get(token.accountId as string) : undefined;
        return account
          ? { roles: account.roles, departments: account.departments ?? [] }
          : undefined;
      },
    });
    provider.on('grant.success', (ctx) => {
      this.grants.push(String(ctx.oidc.params?.grant_type));
    });
    this.handler = provider.callback();
  }

  /** From now on, every token request is refused as a revoked grant (false: answered again). */
  refuseTokenRequests(refuse: boolean): void {
    this.refusing = refuse;
  }

  /** From now on, every redirect the provider sends goes through `change` (undefined: none). */
  tamperWithRedirects(change: ((location: string) => string) | undefined): void {
    this.tamper = change;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}
