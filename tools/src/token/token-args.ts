import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  isRole,
  TOKEN_ROLES,
  type Role,
} from '@civitas/contracts';

export interface TokenRequest {
  roles: Role[];
  sub: string;
  departments: string[];
  clientId?: string;
  expiresIn: string;
}

export class TokenArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenArgsError';
  }
}

export const TOKEN_USAGE =
  'usage: npm run token -- --role <role> [--role <role> ...] [--sub <subject>] [--department <code> ...] ' +
  `[--client-id <id>] [--expires <8h; at most AUTH_MAX_TOKEN_LIFETIME_SECONDS, default 24h>]\nroles: ${TOKEN_ROLES.join(', ')}`;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90`, `90s`, `30m`, `8h`, `1d` → seconds. */
export function lifetimeSeconds(text: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : 0;
  if (seconds <= 0) {
    throw new TokenArgsError(
      `--expires must be a positive duration such as 30m, 8h or 1d, not "${text}"`,
    );
  }
  return seconds;
}

/**
 * `--role agent --department roads --department parks` (also `--role=agent`). `--expires` must fit
 * the gateway's AUTH_MAX_TOKEN_LIFETIME_SECONDS, or the token would be refused when used.
 */
export function parseTokenArgs(
  argv: readonly string[],
  maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
): TokenRequest {
  const roles: Role[] = [];
  const departments: string[] = [];
  let sub: string | undefined;
  let clientId: string | undefined;
  let expiresIn = '8h';
  const args = argv.flatMap((arg) =>
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg],
  );
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) {
        throw new TokenArgsError(`${flag} needs a value`);
      }
      return next;
    };
    switch (flag) {
      case '--role': {
        const role = value();
        if (!isRole(role) || !TOKEN_ROLES.includes(role)) {
          throw new TokenArgsError(
            `Unknown role "${role}". Valid roles: ${TOKEN_ROLES.join(', ')}`,
          );
        }
        roles.push(role);
        break;
      }
      case '--sub':
        sub = value();
        break;
      case '--department':
        departments.push(value());
        break;
      case '--client-id':
        clientId = value();
        break;
      case '--expires':
        expiresIn = value();
        break;
      default:
        throw new TokenArgsError(`Unknown argument "${flag}"`);
    }
  }
  if (roles.length === 0) {
    throw new TokenArgsError(`--role is required. Valid roles: ${TOKEN_ROLES.join(', ')}`);
  }
  if (lifetimeSeconds(expiresIn) > maxLifetimeSeconds) {
    throw new TokenArgsError(
      `--expires ${expiresIn} is longer than the gateway accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS=${maxLifetimeSeconds})`,
    );
  }
  return {
    roles: [...new Set(roles)],
    sub: sub ?? `dev-${roles[0]}`,
    departments,
    ...(clientId ? { clientId } : {}),
    expiresIn,
  };
}

/** The cap the gateway applies, read from the same variable (the launcher passes the env on). */
export function maxLifetimeSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env.AUTH_MAX_TOKEN_LIFETIME_SECONDS;
  if (raw === undefined || raw === '') {
    return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  }
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw new TokenArgsError(
      `AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a positive whole number of seconds, not "${raw}"`,
    );
  }
  return Number(raw);
}
