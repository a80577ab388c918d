import { describe, expect, it } from '@jest/globals';
import { BUS_SERVICES, inboxPrefixOf, natsPermissionsOf } from './nats-permissions.js';

describe('NATS permissions from the contracts', () => {
  const intake = natsPermissionsOf('intake', '', [
    { durable: 'intake-citizen-erased', subject: 'citizens.evt.citizen-erased.v1' },
  ]);

  it('lets a service publish its own events and no one else’s', () => {
    expect(intake.publish).toContain('intake.evt.>');
    expect(intake.publish.filter((s) => /\.evt\./.test(s))).toEqual(['intake.evt.>']);
  });

  it('lets it send exactly the requests whose contract names it a caller', () => {
    expect(intake.publish).toEqual(
      expect.arrayContaining(['routing.qry.service-catalog.v1', 'cases.cmd.log-interaction.v1']),
    );
    expect(intake.publish).not.toContain('citizens.cmd.resolve-identity.v1');
    // Intake validates against its own copy of the catalog (docs/adr/0069).
    expect(intake.publish).not.toContain('routing.qry.service-definition.v1');
    expect(natsPermissionsOf('cases', '', []).publish).toContain(
      'citizens.cmd.resolve-identity.v1',
    );
  });

  it('lets it answer its own requests and read only its own inbox', () => {
    expect(intake.subscribe).toEqual(
      expect.arrayContaining(['intake.qry.citizen-data.v1', `${inboxPrefixOf('intake')}.>`]),
    );
    expect(intake.subscribe).not.toContain('_INBOX.>');
    expect(intake.subscribe.some((s) => s.startsWith('citizens.'))).toBe(false);
    expect(intake.allowResponses.max).toBe(1);
  });

  it('lets it run its durables and provision only the streams it touches', () => {
    expect(intake.publish).toEqual(
      expect.arrayContaining([
        '$JS.API.INFO',
        '$JS.API.STREAM.CREATE.INTAKE',
        '$JS.API.STREAM.CREATE.CITIZENS',
        '$JS.API.STREAM.CREATE.DEAD_LETTERS',
        '$JS.API.CONSUMER.MSG.NEXT.CITIZENS.intake-citizen-erased',
        '$JS.ACK.CITIZENS.intake-citizen-erased.>',
        'dlq.intake.>',
      ]),
    );
    expect(intake.publish).not.toContain('$JS.API.STREAM.CREATE.ROUTING');
    expect(intake.publish.some((s) => s.includes('cases-'))).toBe(false);
    expect(intake.publish.some((s) => s.endsWith('.*') || s === '>' || s === '$JS.API.>')).toBe(
      false,
    );
  });

  it('prefixes subjects and streams with the bus namespace', () => {
    const spaced = natsPermissionsOf('intake', 'ns-1', [
      { durable: 'intake-citizen-erased', subject: 'citizens.evt.citizen-erased.v1' },
    ]);
    expect(spaced.publish).toEqual(
      expect.arrayContaining([
        'ns-1.intake.evt.>',
        'ns-1.dlq.intake.>',
        '$JS.API.STREAM.CREATE.NS-1_INTAKE',
        '$JS.ACK.NS-1_CITIZENS.intake-citizen-erased.>',
      ]),
    );
  });

  it('covers every service but the gateway', () => {
    expect([...BUS_SERVICES].sort()).toEqual([
      'analytics',
      'cases',
      'citizens',
      'intake',
      'routing',
    ]);
  });
});
