import { timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, isRole, type Identity } from '@civitas/contracts';

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity), 'utf8').toString('base64url');
}

/** Parses the gateway's identity header; anything malformed is treated as no identity at all. */
export function decodeIdentity(header: string | undefined): Identity {
  if (!header) {
    return ANONYMOUS;
  }
  try {
    const raw = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Identity>;
    const roles = Array.isArray(raw.roles)
      ? raw.roles.filter((r): r is Identity['roles'][number] => typeof r === 'string' && isRole(r))
      : [];
    return {
      sub: typeof raw.sub === 'string' ? raw.sub : null,
      roles,
      departments: Array.isArray(raw.departments)
        ? raw.departments.filter((d) => typeof d === 'string')
        : [],
      ...(typeof raw.clientId === 'string' ? { clientId: raw.clientId } : {}),
    };
  } catch {
    return ANONYMOUS;
  }
}

export function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) {
    return false;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
