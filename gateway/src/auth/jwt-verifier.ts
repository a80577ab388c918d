import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { INTERNAL_ROLES, isRole, type Identity, type Role } from '@civitas/contracts';
import { AuthenticationError } from './authentication.error.js';

export interface JwtVerifierOptions {
  /** HS256 secret (development and test). */
  devSigningKey?: string;
  /** The identity provider's JWKS (production). Takes precedence over the dev key. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
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

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = JWKS_ALGORITHMS;
    } else if (options.devSigningKey) {
      this.key = new TextEncoder().encode(options.devSigningKey);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('JwtVerifier needs a JWKS URL or a development signing key');
    }
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
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      };
      const result =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      throw new AuthenticationError(describeJoseError(error));
    }
    return identityFromClaims(payload);
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
    return `Token claim "${error.claim}" is not valid`;
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
