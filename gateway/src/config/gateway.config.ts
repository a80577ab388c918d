import { fileURLToPath } from 'node:url';
import { IsOptionalPort, IsText, ProcessConfig, Secret } from '@civitas/config';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '@civitas/contracts';
import {
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  isURL,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const SUBGRAPH_URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** A subgraph's GraphQL URL, or its replicas' URLs comma separated (docs/adr/0073). */
function IsSubgraphUrls(): PropertyDecorator {
  return ValidateBy({
    name: 'subgraphUrls',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        splitList(value).length > 0 &&
        splitList(value).every((url) => isURL(url, SUBGRAPH_URL)),
      defaultMessage: () =>
        'must be an http(s) URL such as http://cases:4002/graphql, or several comma-separated (replicas)',
    },
  });
}

/** Where `npm run schema` writes the composed supergraph: beside this package's package.json. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../supergraph.graphql', import.meta.url),
);

/**
 * Where `npm run build` writes the web app (web/dist/app, docs/adr/0072), served at `/`. A directory
 * without index.html (no build): the gateway serves no pages.
 */
export const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../../web/dist/app', import.meta.url));

/** The gateway's environment, beside what every process reads. Property names are the variable names (see `@civitas/config`). */
export class GatewayConfig extends ProcessConfig {
  override PORT = 4000;

  /** Sent to every subgraph; they refuse calls without it. */
  @Secret('text')
  @IsString()
  @MinLength(24)
  GATEWAY_SECRET: string = undefined as unknown as string;

  @IsSubgraphUrls()
  INTAKE_URL = 'http://127.0.0.1:4001/graphql';

  @IsSubgraphUrls()
  CASES_URL = 'http://127.0.0.1:4002/graphql';

  @IsSubgraphUrls()
  CITIZENS_URL = 'http://127.0.0.1:4003/graphql';

  @IsSubgraphUrls()
  ROUTING_URL = 'http://127.0.0.1:4004/graphql';

  @IsSubgraphUrls()
  ANALYTICS_URL = 'http://127.0.0.1:4005/graphql';

  @IsText()
  SUPERGRAPH_PATH = DEFAULT_SUPERGRAPH_PATH;

  /**
   * HS256 secret for locally minted tokens (`npm run token`). Development and test only: in
   * production anyone holding it could mint an admin token, so its presence is refused.
   */
  @Secret('text')
  @ValidateBy({
    name: 'devSigningKey',
    validator: {
      validate: (value: unknown, args) => {
        const config = args?.object as GatewayConfig;
        if (config.NODE_ENV === 'production') {
          return value === undefined;
        }
        return value === undefined
          ? Boolean(config.AUTH_JWKS_URL)
          : typeof value === 'string' && value.length >= 32;
      },
      defaultMessage: (args) =>
        (args?.object as GatewayConfig).NODE_ENV === 'production'
          ? 'must not be set in production (use AUTH_JWKS_URL)'
          : 'must be at least 32 characters (or set AUTH_JWKS_URL instead)',
    },
  })
  AUTH_DEV_SIGNING_KEY: string | undefined = undefined;

  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || c.AUTH_JWKS_URL !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'], require_protocol: true },
    { message: "must be the URL of the identity provider's JWKS" },
  )
  AUTH_JWKS_URL: string | undefined = undefined;

  /**
   * The `iss` every token must carry. Required with a JWKS (an identity provider signs for many
   * applications); with the dev key it defaults to DEV_TOKEN_ISSUER, which `npm run token` uses.
   */
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || Boolean(c.AUTH_JWKS_URL))
  @IsString()
  @IsNotEmpty({ message: 'is required in production and with AUTH_JWKS_URL' })
  AUTH_ISSUER: string | undefined = undefined;

  /** The `aud` every token must name; as AUTH_ISSUER, dev default DEV_TOKEN_AUDIENCE. */
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || Boolean(c.AUTH_JWKS_URL))
  @IsString()
  @IsNotEmpty({ message: 'is required in production and with AUTH_JWKS_URL' })
  AUTH_AUDIENCE: string | undefined = undefined;

  /**
   * The web app's client id at the identity provider (docs/adr/0091): set, the app's "Sign in"
   * runs the OpenID Connect authorization code flow with PKCE against AUTH_ISSUER (a public
   * client: there is no secret to keep). Needs AUTH_JWKS_URL and an http(s) AUTH_ISSUER, from
   * which the app reads the provider's discovery document. Unset: the app offers no sign-in
   * beyond the development one.
   */
  @ValidateBy({
    name: 'webClientId',
    validator: {
      validate: (value: unknown, args) => {
        if (value === undefined) {
          return true;
        }
        const config = args?.object as GatewayConfig;
        return (
          typeof value === 'string' &&
          /^[\x21-\x7e]{1,255}$/.test(value) &&
          Boolean(config.AUTH_JWKS_URL) &&
          isURL(config.AUTH_ISSUER ?? '', {
            require_tld: false,
            protocols: ['https', 'http'],
            require_protocol: true,
          })
        );
      },
      defaultMessage: () =>
        'must be the client id registered at the identity provider (printable, no spaces), with AUTH_JWKS_URL set and AUTH_ISSUER the http(s) URL of the issuer',
    },
  })
  AUTH_WEB_CLIENT_ID: string | undefined = undefined;

  /** Scopes the web app asks for (space-separated; `openid` first, as OpenID Connect needs). */
  @Matches(/^openid( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'must be space-separated scopes starting with openid, e.g. "openid profile"',
  })
  AUTH_WEB_SCOPES = 'openid profile';

  /**
   * The authorization request's parameter that asks the provider for an access token for
   * AUTH_AUDIENCE, for providers that choose the token's audience that way: `audience` (Auth0) or
   * `resource` (RFC 8707 resource indicators; AUTH_AUDIENCE must then be an absolute URI). Unset:
   * none; the scopes decide (Entra ID, Keycloak, Okta).
   */
  @ValidateBy({
    name: 'webAudienceParameter',
    validator: {
      validate: (value: unknown, args) =>
        value === undefined ||
        value === 'audience' ||
        (value === 'resource' && isResourceUri((args?.object as GatewayConfig).AUTH_AUDIENCE)),
      defaultMessage: () =>
        'must be audience (Auth0) or resource (RFC 8707, with AUTH_AUDIENCE an absolute URI without a fragment)',
    },
  })
  AUTH_WEB_AUDIENCE_PARAMETER: 'audience' | 'resource' | undefined = undefined;

  /** What the web app needs to start the OpenID Connect sign-in, when AUTH_WEB_CLIENT_ID is set. */
  get webSignIn(): WebSignIn | undefined {
    return this.AUTH_WEB_CLIENT_ID && this.AUTH_ISSUER
      ? {
          issuer: this.AUTH_ISSUER,
          clientId: this.AUTH_WEB_CLIENT_ID,
          scopes: this.AUTH_WEB_SCOPES,
          ...(this.AUTH_WEB_AUDIENCE_PARAMETER && this.AUTH_AUDIENCE
            ? {
                audience: {
                  parameter: this.AUTH_WEB_AUDIENCE_PARAMETER,
                  value: this.AUTH_AUDIENCE,
                },
              }
            : {}),
        }
      : undefined;
  }

  /**
   * Longest token lifetime (`exp - iat`) accepted: a leaked token stays useful at most this long.
   * Between a minute and a week.
   */
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  AUTH_MAX_TOKEN_LIFETIME_SECONDS = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

  @IsInt()
  @Min(1)
  MAX_QUERY_DEPTH = 12;

  /** Aliased fields per operation, counted at every spread of the fragment they are in. */
  @IsInt()
  @Min(1)
  MAX_ALIASES = 30;

  /** Lexical tokens per document: bounds parsing and every later walk of the document. */
  @IsInt()
  @Min(100)
  MAX_QUERY_TOKENS = 2000;

  /** Characters per document (long strings and comments are one token each). */
  @IsInt()
  @Min(1000)
  MAX_QUERY_LENGTH = 65_536;

  @IsInt()
  @Min(1)
  MAX_DIRECTIVES = 50;

  @IsInt()
  @Min(1)
  MAX_FRAGMENT_SPREADS = 50;

  /** Times one selection set may name the same field (fragments included): merging is quadratic. */
  @IsInt()
  @Min(2)
  MAX_FIELD_REPEATS = 30;

  /**
   * The most objects one operation may return, estimated before it runs: lists multiply by their
   * page size (`first`, `limit`, `pageSize`) or by QUERY_COST_LIST_SIZE (docs/adr/0037).
   */
  @IsInt()
  @Min(1)
  MAX_QUERY_COST = 50_000;

  /** The size assumed for a list field without a page argument. */
  @IsInt()
  @Min(1)
  QUERY_COST_LIST_SIZE = 10;

  /** How long one GraphQL operation may wait on subgraphs before it is answered with an error. */
  @IsInt()
  @Min(100)
  GRAPHQL_TIME_BUDGET_MS = 5000;

  @IsInt()
  @Min(1024)
  MAX_BODY_BYTES = 1_048_576;

  /**
   * How long a streamed download (docs/adr/0057) waits for its subgraph's status and headers
   * before it is answered 504.
   */
  @IsInt()
  @Min(100)
  DOWNLOAD_FIRST_BYTE_MS = 15_000;

  /** Longest a whole streamed download may take; past it the transfer is cut. */
  @IsInt()
  @Min(1)
  DOWNLOAD_MAX_SECONDS = 600;

  /**
   * Items in any one list in a request's variables (docs/adr/0050). The longest list a client
   * needs is an import batch or an Open311 page of ids: 1,000.
   */
  @IsInt()
  @Min(1)
  MAX_VARIABLE_LIST_ITEMS = 1000;

  /** Lists and objects nested inside one variable; the deepest input needs 4. */
  @IsInt()
  @Min(1)
  @Max(100)
  MAX_VARIABLE_DEPTH = 10;

  /** Characters in any one string in the variables; the longest field takes 4,000. */
  @IsInt()
  @Min(1)
  MAX_VARIABLE_STRING_LENGTH = 16_384;

  /**
   * Values (every list, object, string, number, boolean, null) across a request's variables. An
   * import batch of 1,000 records with every field filled holds about 16,000.
   */
  @IsInt()
  @Min(1)
  MAX_VARIABLE_VALUES = 25_000;

  /**
   * Wrong values reported when variables do not fit their types; past this the request is
   * refused as a whole (TOO_MANY_INVALID_VALUES), as graphql-js's own executor does at 50.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_VARIABLE_ERRORS = 50;

  /**
   * Where clients reach this gateway (e.g. https://311.example.gov), for the URLs it writes into
   * answers such as Open311 discovery. Required in production; in development the listen address.
   * Never taken from a request's Host header, which anyone can forge.
   */
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || c.PUBLIC_URL !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'], require_protocol: true },
    {
      message:
        'must be the http(s) URL clients use to reach the gateway, e.g. https://311.example.gov',
    },
  )
  @Matches(/^[^?#]*$/, { message: 'must not have a query or fragment' })
  PUBLIC_URL: string | undefined = undefined;

  /**
   * Browser origins (scheme://host[:port], comma-separated) allowed to call the gateway from
   * another origin. Empty: none. No wildcard, and never with credentials (tokens travel in the
   * Authorization header, not cookies).
   */
  @ValidateBy({
    name: 'corsOrigins',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && splitList(value).every((origin) => isOrigin(origin)),
      defaultMessage: () =>
        'must be comma-separated origins such as https://app.example.gov (scheme, host and port only; no wildcard)',
    },
  })
  CORS_ORIGINS = '';

  /**
   * Port of the internal listener serving `/metrics` (0: one the OS picks, announced in a
   * `listening` line). Unset: no metrics listener. The public port never serves `/metrics`.
   */
  @IsOptionalPort()
  METRICS_PORT: number | undefined = undefined;

  /** Address the metrics listener binds: loopback unless the deployment scrapes it from outside. */
  @IsText()
  METRICS_HOST = '127.0.0.1';

  /**
   * Proxies in front of the gateway whose X-Forwarded-For is believed (0: none, the socket's
   * address is the client's). Behind one ingress, 1. Rate limits by address depend on it.
   */
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /**
   * Requests to /graphql and /open311 this process answers at once (docs/adr/0075); one more is
   * refused at once with 503 and `Retry-After: 1` rather than left to wait. 64 keeps two cores
   * busy while subgraphs answer, and queues no more than a fraction of a second of work.
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAX_IN_FLIGHT = 64;

  /** Length of every rate-limit window (docs/adr/0044). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Requests per window per client (token subject, Open311 API key, else address). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = 3000;

  /** Refused credentials (401, Open311 403) per window per address before it is refused outright. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_FAILURES_MAX = 30;

  /** Requests per window per client naming one of RATE_LIMIT_STRICT_OPERATIONS (one-time codes). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_STRICT_MAX = 10;

  /** Mutations (comma-separated field names) held to RATE_LIMIT_STRICT_MAX: guessable codes. */
  @Matches(/^\s*([A-Za-z_][A-Za-z0-9_]*\s*(,\s*[A-Za-z_][A-Za-z0-9_]*\s*)*)?$/, {
    message: 'must be comma-separated GraphQL field names, e.g. verifyMyContactPoint',
  })
  RATE_LIMIT_STRICT_OPERATIONS = 'verifyMyContactPoint';

  /** The built web app served at `/` (docs/adr/0072); empty: no pages. */
  @IsString()
  WEB_APP_DIR = DEFAULT_WEB_APP_DIR;

  /**
   * Map tiles for the web app's maps (docs/adr/0082): an https URL template with {z}, {x} and {y},
   * e.g. https://tile.example.org/{z}/{x}/{y}.png. The pages may load images from its origin.
   * Unset: the maps draw district outlines and points on a plain background.
   */
  @ValidateIf((c: GatewayConfig) => c.WEB_MAP_TILE_URL !== undefined)
  @Matches(
    /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[^\s"'<>]*\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/,
    {
      message:
        'must be an https URL template with {z}, {x} and {y} in that order, e.g. https://tile.example.org/{z}/{x}/{y}.png',
    },
  )
  WEB_MAP_TILE_URL: string | undefined = undefined;

  /** The origin the web app's map tiles come from, if any (for the pages' img-src). */
  get mapTileOrigin(): string | undefined {
    return this.WEB_MAP_TILE_URL ? new URL(this.WEB_MAP_TILE_URL).origin : undefined;
  }

  /** The jurisdiction Open311 clients name in `jurisdiction_id`; another id gets 404. */
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, {
    message: 'must be 1 to 100 letters, digits, dots, dashes or underscores',
  })
  OPEN311_JURISDICTION_ID = 'civitas.local';

  /** Who Open311 client developers contact (answered in discovery). */
  @IsText()
  OPEN311_CONTACT = 'The 311 team of this deployment';

  /** CORS_ORIGINS as a list. */
  get corsOrigins(): string[] {
    return splitList(this.CORS_ORIGINS).map((origin) => origin.replace(/\/+$/, ''));
  }

  /** RATE_LIMIT_STRICT_OPERATIONS as a list. */
  get strictOperations(): string[] {
    return splitList(this.RATE_LIMIT_STRICT_OPERATIONS);
  }

  /** Whether clients reach the gateway over HTTPS (then HSTS is sent). */
  get servedOverHttps(): boolean {
    return this.PUBLIC_URL?.toLowerCase().startsWith('https:') ?? false;
  }

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** PUBLIC_URL without a trailing slash, or the listen address (a wildcard host as loopback). */
  get publicUrl(): string {
    return this.publicUrlListeningOn(this.PORT);
  }

  /**
   * `publicUrl` for a gateway listening on `port`: with PORT=0 the OS chose the port, and only the
   * server's own socket knows it (never the request's Host header).
   */
  publicUrlListeningOn(port: number): string {
    if (this.PUBLIC_URL !== undefined) {
      return this.PUBLIC_URL.replace(/\/+$/, '');
    }
    const host = ['0.0.0.0', '::', '[::]'].includes(this.HOST) ? '127.0.0.1' : this.HOST;
    return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  }

  /**
   * Subgraph name (as composed into the supergraph) → its replicas' URLs for this deployment (one
   * in Kubernetes, where a Service balances; several under `npm start -- --replicas N`).
   */
  get subgraphUrls(): Record<string, string[]> {
    return {
      intake: splitList(this.INTAKE_URL),
      cases: splitList(this.CASES_URL),
      citizens: splitList(this.CITIZENS_URL),
      routing: splitList(this.ROUTING_URL),
      analytics: splitList(this.ANALYTICS_URL),
    };
  }
}

/** The web app's OpenID Connect settings, public by nature (docs/adr/0091): never a secret. */
export interface WebSignIn {
  issuer: string;
  clientId: string;
  scopes: string;
  /** Sent with the authorization request, for providers that want the audience named there. */
  audience?: { parameter: 'audience' | 'resource'; value: string };
}

/** An absolute URI without a fragment, as RFC 8707 wants a resource indicator. */
function isResourceUri(value: string | undefined): boolean {
  try {
    const url = new URL(value ?? '');
    return url.hash === '' && !value!.includes('#');
  } catch {
    return false;
  }
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `https://app.example.gov` or `http://localhost:5173`: a scheme, a host, an optional port. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      ['http:', 'https:'].includes(url.protocol) &&
      url.origin === value.replace(/\/+$/, '').toLowerCase() &&
      !value.includes('*')
    );
  } catch {
    return false;
  }
}
