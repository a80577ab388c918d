import { isRole, TOKEN_ROLES, type Role } from '@civitas/contracts';

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
  `[--client-id <id>] [--expires <8h>]\nroles: ${TOKEN_ROLES.join(', ')}`;

/** `--role agent --department roads --department parks` (also `--role=agent`). */
export function parseTokenArgs(argv: readonly string[]): TokenRequest {
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
  return {
    roles: [...new Set(roles)],
    sub: sub ?? `dev-${roles[0]}`,
    departments,
    ...(clientId ? { clientId } : {}),
    expiresIn,
  };
}
