import { Channel, hasAnyRole, Role, type Identity } from '@civitas/contracts';

/** Staff who take requests on a caller's behalf (contact centre, counters, the mail room). */
export const STAFF_ENTRY_ROLES: readonly Role[] = [
  Role.Agent,
  Role.Caseworker,
  Role.Supervisor,
  Role.Admin,
];

/**
 * Why this caller may not submit through the graph on this channel, or null when they may. The
 * channel says how the person reached government, so only who could have taken it may claim it:
 * residents use the web and apps, staff enter calls, visits and letters, Open311 is for API
 * clients, and e-mail and legacy history arrive only through intake's own receiver and importer.
 */
export function channelRefusal(identity: Identity, channel: Channel): string | null {
  switch (channel) {
    case Channel.WEB:
    case Channel.MOBILE:
      return null;
    case Channel.PHONE:
    case Channel.WALK_IN:
    case Channel.LETTER:
      return hasAnyRole(identity, STAFF_ENTRY_ROLES)
        ? null
        : `${channel} is for staff entering a request on a caller's behalf (roles: ${STAFF_ENTRY_ROLES.join(', ')}); submit as WEB or MOBILE`;
    case Channel.OPEN311:
      return hasAnyRole(identity, [Role.Integration])
        ? null
        : 'OPEN311 is for API clients (role integration) through the Open311 API; submit as WEB or MOBILE';
    case Channel.EMAIL:
      return 'EMAIL submissions come only from e-mail received by intake; send an e-mail instead';
    case Channel.LEGACY_IMPORT:
      return 'LEGACY_IMPORT is only for the history importer (npm run import)';
    default:
      return assertUnreachable(channel);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unknown channel ${String(value)}`);
}
