import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
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

  it('writes each message as an .eml file in development, private and named after the resident, and deletes it when they are erased', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'notify-outbox-'));
    dirs.push(dir);
    const mailer = new NotificationMailer({
      NODE_ENV: 'development',
      NOTIFY_SMTP_URL: undefined,
      NOTIFY_MAIL_FROM: 'Civitas 311 <311@civitas.invalid>',
      NOTIFY_OUTBOX_DIR: dir,
    } as unknown as CitizensConfig);
    const grace = '0b9f3c1e-6a2d-4f7e-9c1a-5d4e3b2a1f00';
    const henry = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    await mailer.send(
      grace,
      'grace@example.org',
      { subject: 'We received your request SR-1', text: 'Thank you.' },
      'en',
    );
    await mailer.send(henry, 'henry@example.org', { subject: 'Routed', text: 'On it.' }, 'en');
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    const graceFile = files.find((f) => f.startsWith(`${grace}.`))!;
    expect(graceFile).toMatch(/\.eml$/);
    const eml = await readFile(join(dir, graceFile), 'utf8');
    expect(eml).toContain('Subject: We received your request SR-1');
    expect(eml).toContain('To: grace@example.org');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, graceFile))).mode & 0o777).toBe(0o600);

    await mailer.forget([grace]);
    mailer.onApplicationShutdown();
    expect(await readdir(dir)).toEqual([expect.stringMatching(new RegExp(`^${henry}\\.`))]);
  });

  it('has no e-mail at all in production', async () => {
    const mailer = new NotificationMailer({
      NODE_ENV: 'production',
      NOTIFY_SMTP_URL: undefined,
      NOTIFY_MAIL_FROM: 'x <x@civitas.invalid>',
      NOTIFY_OUTBOX_DIR: '/nonexistent',
    } as unknown as CitizensConfig);
    expect(mailer.available).toBe(false);
    await expect(
      mailer.send(
        '0b9f3c1e-6a2d-4f7e-9c1a-5d4e3b2a1f00',
        'a@example.org',
        { subject: 's', text: 't' },
        'en',
      ),
    ).rejects.toThrow('NOTIFY_SMTP_URL');
  });
});
