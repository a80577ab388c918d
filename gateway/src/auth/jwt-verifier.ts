import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  DEV_TOKEN_AUDIENCE,
  DEV_TOKEN_ISSUER,
  INTERNAL_ROLES,
  isRole,
  type Identity,
  type Role,
} from '@civitas/contracts';
import { AuthenticationError } from './authentication.error.js';

export interface JwtVerifierOptions {
  /** HS256 secret (development and test). */
  devSigningKey?: string;
  /** The identity provider's JWKS (production). Takes precedence over the dev key. */
  jwksUrl?: string;
  /** Required with a JWKS; with the dev key it defaults to DEV_TOKEN_ISSUER. */
  issuer?: string;
  /** Required with a JWKS; with the dev key it defaults to DEV_TOKEN_AUDIENCE. */
  audience?: string;
  /** Longest accepted `exp - iat`, in seconds. */
  maxLifetimeSeconds?: number;
  /**
   * How long the fetched JWKS is trusted (jose's default, 10 minutes): a key the provider removes
   * is refused at most this long after. A token naming an unknown `kid` refetches sooner, at most
   * once per `jwksCooldownMs` (30 s).
   */
  jwksCacheMaxAgeMs?: number;
  jwksCooldownMs?: number;
}

/** Asymmetric algorithms only from a JWKS, so a public key can never be used as an HMAC secret. */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Turns `Authorization: Bearer <jwt>` into a verified identity. Claims: `sub`, `roles` (Role
 * values), `departments`, optional `client_id`. A token naming a role we do not know is refused
 * rather than trimmed: it was minted for some other system or by mistake.
 */
export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly issuer: string;
  private readonly audience: string;
  private readonly maxLifetimeSeconds: number;

  constructor(options: JwtVerifierOptions) {
    if (options.jwksUrl) {
      // An identity provider signs tokens for many applications: without both checks a token
      // it issued to any of them would be honoured here.
      if (!options.issuer || !options.audience) {
        throw new Error('JwtVerifier with a JWKS URL needs an issuer and an audience');
      }
      this.key = createRemoteJWKSet(new URL(options.jwksUrl), {
        ...(options.jwksCacheMaxAgeMs !== undefined
          ? { cacheMaxAge: options.jwksCacheMaxAgeMs }
          : {}),
        ...(options.jwksCooldownMs !== undefined
          ? { cooldownDuration: options.jwksCooldownMs }
          : {}),
      });
      this.algorithms = JWKS_ALGORITHMS;
    } else if (options.devSigningKey) {
      this.key = new TextEncoder().encode(options.devSigningKey);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('JwtVerifier needs a JWKS URL or a development signing key');
    }
    this.issuer = options.issuer || DEV_TOKEN_ISSUER;
    this.audience = options.audience || DEV_TOKEN_AUDIENCE;
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  }

  /** `undefined` header → anonymous (`null`); anything else must verify or it throws. */
  async identityFromAuthorization(header: string | undefined): Promise<Identity | null> {
    if (header === undefined || header.trim() === '') {
      return null;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new AuthenticationError('Authorization header must be "Bearer <token>"');
    }
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Identity> {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: this.algorithms,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        issuer: this.issuer,
        audience: this.audience,
        // Without both, a token never expires or its age cannot be judged.
        requiredClaims: ['exp', 'iat'],
      };
      const result =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      throw new AuthenticationError(describeJoseError(error));
    }
    this.checkLifetime(payload.iat as number, payload.exp as number);
    return identityFromClaims(payload);
  }

  /** A token dated ahead or living for years is a forged or mis-minted one, even when signed. */
  private checkLifetime(iat: number, exp: number): void {
    const now = Math.floor(Date.now() / 1000);
    if (iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw new AuthenticationError('Token claim "iat" is in the future');
    }
    if (exp - iat > this.maxLifetimeSeconds) {
      throw new AuthenticationError('Token lifetime (exp - iat) is longer than accepted');
    }
  }
}

export function identityFromClaims(payload: JWTPayload): Identity {
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new AuthenticationError('Token has no subject (sub)');
  }
  const rawRoles = payload.roles ?? [];
  if (!Array.isArray(rawRoles) || rawRoles.some((r) => typeof r !== 'string')) {
    throw new AuthenticationError('Token claim "roles" must be an array of strings');
  }
  const unknown = (rawRoles as string[]).filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new AuthenticationError(`Token carries unknown role(s): ${unknown.join(', ')}`);
  }
  const internal = (rawRoles as Role[]).filter((r) => INTERNAL_ROLES.includes(r));
  if (internal.length > 0) {
    throw new AuthenticationError(
      `Token carries a role only the platform holds: ${internal.join(', ')}`,
    );
  }
  const rawDepartments = payload.departments ?? [];
  if (!Array.isArray(rawDepartments) || rawDepartments.some((d) => typeof d !== 'string')) {
    throw new AuthenticationError('Token claim "departments" must be an array of strings');
  }
  const clientId = payload.client_id;
  if (clientId !== undefined && typeof clientId !== 'string') {
    throw new AuthenticationError('Token claim "client_id" must be a string');
  }
  return {
    sub: payload.sub,
    roles: [...new Set(rawRoles as Role[])],
    departments: [...new Set(rawDepartments as string[])],
    ...(clientId ? { clientId } : {}),
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) {
    return 'Token has expired';
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'Token signature is not valid';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? `Token claim "${error.claim}" is required`
      : `Token claim "${error.claim}" is not valid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return 'Token algorithm is not accepted';
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return 'Token was signed by an unknown key';
  }
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
    return 'Token could not be verified';
  }
  return 'Token is not valid';
}
