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
}

/** The scope the provider grants for the gateway's API (send it: `openid profile api`). */
export const API_SCOPE = 'api';

/**
 * A real OpenID Connect provider (node-oidc-provider) on loopback, on a port the OS picks, for the
 * web app's sign-in (docs/adr/0091): its own login and consent pages (`devInteractions`), JWT
 * access tokens for the gateway carrying the account's `roles` and `departments`, and
 * RP-initiated logout. The web app's client is registered by `registerWebApp` once the gateway's
 * address is known (the gateway needs the issuer's first).
 */
export class TestIdentityProvider {
  private handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(503).end();
  private tamper: ((location: string) => string) | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: TestIdentityProviderOptions,
    private readonly signingKey: Record<string, unknown>,
  ) {
    server.on('request', (req, res) => {
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
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [`${appBase}/sign-in/callback`],
          post_logout_redirect_uris: [`${appBase}/`],
        },
      ],
      jwks: { keys: [this.signingKey as never] },
      ttl: {
        AuthorizationCode: 60,
        AccessToken: 600,
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
              accessTokenTTL: 600,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
      extraTokenClaims: (_ctx, token) => {
        const account = 'accountId' in token ? accounts.get(token.accountId as string) : undefined;
        return account
          ? { roles: account.roles, departments: account.departments ?? [] }
          : undefined;
      },
    });
    this.handler = provider.callback();
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
