import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { CitizensConfig } from '../../config/citizens.config.js';
import { NotificationMailer } from './notification-mailer.js';

describe('notification mailer without an SMTP server', () => {
  const dirs: string[] = [];

  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes each message as an .eml file in development', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'notify-outbox-'));
    dirs.push(dir);
    const mailer = new NotificationMailer({
      NODE_ENV: 'development',
      NOTIFY_SMTP_URL: undefined,
      NOTIFY_MAIL_FROM: 'Civitas 311 <311@civitas.invalid>',
      NOTIFY_OUTBOX_DIR: dir,
    } as unknown as CitizensConfig);
    await mailer.send(
      'grace@example.org',
      { subject: 'We received your request SR-1', text: 'Thank you.' },
      'en',
    );
    mailer.onApplicationShutdown();
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = await readFile(join(dir, files[0]), 'utf8');
    expect(eml).toContain('Subject: We received your request SR-1');
    expect(eml).toContain('To: grace@example.org');
  });

  it('has no e-mail at all in production', async () => {
    const mailer = new NotificationMailer({
      NODE_ENV: 'production',
      NOTIFY_SMTP_URL: undefined,
      NOTIFY_MAIL_FROM: 'x <x@civitas.invalid>',
      NOTIFY_OUTBOX_DIR: '/nonexistent',
    } as unknown as CitizensConfig);
    expect(mailer.available).toBe(false);
    await expect(mailer.send('a@example.org', { subject: 's', text: 't' }, 'en')).rejects.toThrow(
      'NOTIFY_SMTP_URL',
    );
  });
});
