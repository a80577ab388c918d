import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { JsonLogger } from './logger.js';
import { runWithContext } from './request-context.js';

describe('JsonLogger redacts every entry', () => {
  let written: string[];

  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const lastLine = () => JSON.parse(written[written.length - 1]) as Record<string, unknown>;

  it('replaces the values of personal and secret keys, at any depth', () => {
    new JsonLogger('intake').log({
      msg: 'submission accepted',
      ticketNumber: 'SR-2026-0000001',
      reporter: {
        firstName: 'Ana',
        lastName: 'Ruiz',
        email: 'ana@example.org',
        phone: '+12125550100',
      },
      location: { address: '1 Centre St', latitude: 40.7 },
      description: 'Deep pothole outside my house',
      headers: { authorization: 'Bearer eyJhbGciOi', cookie: 'sid=1' },
      natsPassword: 'hunter2-hunter2',
      attributes: [{ name: 'Ana Ruiz', code: 'SIZE' }],
    });

    expect(lastLine()).toMatchObject({
      msg: 'submission accepted',
      ticketNumber: 'SR-2026-0000001',
      reporter: {
        firstName: '[redacted]',
        lastName: '[redacted]',
        email: '[redacted]',
        phone: '[redacted]',
      },
      location: { address: '[redacted]', latitude: 40.7 },
      description: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      natsPassword: '[redacted]',
      attributes: [{ name: '[redacted]', code: 'SIZE' }],
    });
  });

  it('masks e-mail addresses and phone numbers in any text, and keeps ids, dates and codes', () => {
    const correlationId = '3f2a9c10-1234-4abc-8def-0123456789ab';
    runWithContext({ correlationId }, () =>
      new JsonLogger('citizens').warn({
        msg: 'notification failed for ana.ruiz@example.org',
        error: '550 <ana.ruiz@example.org>: mailbox full; SMS to +1 (212) 555-0100 refused',
        ticketNumber: 'SR-2026-0000001',
        dueAt: '2026-12-06T21:46:44.000Z',
        host: '10.0.0.12',
      }),
    );

    expect(lastLine()).toMatchObject({
      level: 'warn',
      correlationId,
      msg: 'notification failed for <address>',
      error: '550 <<address>>: mailbox full; SMS to <number> refused',
      ticketNumber: 'SR-2026-0000001',
      dueAt: '2026-12-06T21:46:44.000Z',
      host: '10.0.0.12',
    });
  });

  it('masks what Nest and libraries pass as plain strings and errors', () => {
    const logger = new JsonLogger('gateway');
    logger.error('could not deliver to ana@example.org', 'ExceptionsHandler');
    expect(lastLine()).toMatchObject({
      msg: 'could not deliver to <address>',
      context: 'ExceptionsHandler',
    });

    logger.error(new Error('lookup of 2125550100 failed'));
    expect(lastLine()).toMatchObject({
      msg: 'lookup of <number> failed',
      err: { class: 'Error', message: 'lookup of <number> failed' },
    });
    expect(written.join('')).not.toContain('2125550100');
  });

  it('describes a database error by class, SQLSTATE and constraint, never by its text', () => {
    const duplicate = Object.assign(
      new Error('duplicate key value violates unique constraint "uq_contact"'),
      {
        name: 'QueryFailedError',
        query: 'INSERT INTO contact_point (value) VALUES ($1)',
        parameters: ['Ana Ruiz-Delgado'],
        driverError: Object.assign(new Error('duplicate key'), {
          code: '23505',
          severity: 'ERROR',
          constraint: 'uq_contact',
          table: 'contact_point',
          detail: 'Key (value)=(Ana Ruiz-Delgado) already exists.',
        }),
      },
    );
    new JsonLogger('citizens').error({ msg: 'event handler failed', error: duplicate });

    expect(written.join('')).not.toContain('Ruiz');
    expect(written.join('')).not.toContain('duplicate key');
    expect(lastLine().error).toMatchObject({
      class: 'Error',
      code: '23505',
      constraint: 'uq_contact',
      table: 'contact_point',
    });
  });

  it('bounds depth, list length and text length', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 20; i++) {
      deep = { inner: deep };
    }
    new JsonLogger('routing').log({
      msg: 'bounded',
      deep,
      list: Array.from({ length: 500 }, (_, i) => i),
      long: 'y'.repeat(100_000),
    });

    const line = lastLine();
    expect(JSON.stringify(line.deep)).toContain('[too deep]');
    expect((line.list as unknown[]).length).toBe(51);
    expect((line.long as string).length).toBeLessThan(5000);
  });
});
