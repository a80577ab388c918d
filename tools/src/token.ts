import { join } from 'node:path';
import { readDevSecrets } from './platform/dev-secrets.js';
import { findRepoRoot } from './platform/repo-root.js';
import { devTokenRefusal, signDevToken } from './token/dev-token.js';
import {
  maxLifetimeSeconds,
  parseTokenArgs,
  TokenArgsError,
  TOKEN_USAGE,
} from './token/token-args.js';

/** `npm run token -- --role agent`: the token is the last line of output, for scripts. */
async function main(): Promise<number> {
  const storedKey = readDevSecrets(join(findRepoRoot(), '.data'))?.AUTH_DEV_SIGNING_KEY;
  const refusal = devTokenRefusal(process.env, storedKey);
  if (refusal) {
    process.stderr.write(`token: ${refusal}\n`);
    return 1;
  }
  try {
    const request = parseTokenArgs(process.argv.slice(2), maxLifetimeSeconds(process.env));
    // Addressed as the gateway started from this environment expects (the launcher passes it on).
    const token = await signDevToken(
      request,
      process.env.AUTH_DEV_SIGNING_KEY || (storedKey as string),
      { issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE },
    );
    process.stderr.write(
      `Development token for ${request.sub} (${request.roles.join(', ')}${request.departments.length ? `; ${request.departments.join(', ')}` : ''}), valid ${request.expiresIn}.\n` +
        'Send it as: Authorization: Bearer <token>\n',
    );
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TokenArgsError) {
      process.stderr.write(`token: ${error.message}\n${TOKEN_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main();
