import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS, Channel, Role, type Identity } from '@civitas/contracts';
import { channelRefusal } from './channel-policy.js';

const as = (...roles: Role[]): Identity => ({ sub: 'someone', roles, departments: [] });

describe('channelRefusal', () => {
  it.each([
    ['anyone on the web', ANONYMOUS, Channel.WEB],
    ['a resident in the app', as(Role.Resident), Channel.MOBILE],
    ['an agent taking a call', as(Role.Agent), Channel.PHONE],
    ['a caseworker at the counter', as(Role.Caseworker), Channel.WALK_IN],
    ['a supervisor entering a letter', as(Role.Supervisor), Channel.LETTER],
    ['an admin entering a call', as(Role.Admin), Channel.PHONE],
    ['an Open311 client', as(Role.Integration), Channel.OPEN311],
  ])('lets %s submit', (_who, identity, channel) => {
    expect(channelRefusal(identity, channel)).toBeNull();
  });

  it.each([
    ['an anonymous caller claiming a phone call', ANONYMOUS, Channel.PHONE, 'staff'],
    ['a resident claiming a walk-in', as(Role.Resident), Channel.WALK_IN, 'staff'],
    ['an analyst entering a letter', as(Role.Analyst), Channel.LETTER, 'staff'],
    ['a resident claiming Open311', as(Role.Resident), Channel.OPEN311, 'integration'],
    ['an agent claiming an e-mail', as(Role.Agent), Channel.EMAIL, 'e-mail received by intake'],
    ['an admin claiming legacy history', as(Role.Admin), Channel.LEGACY_IMPORT, 'importer'],
  ])('refuses %s', (_who, identity, channel, reason) => {
    expect(channelRefusal(identity, channel)).toContain(reason);
  });
});
