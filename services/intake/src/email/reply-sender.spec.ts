import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import type { IntakeConfig } from '../config/intake.config.js';
import { ReplySender } from './reply-sender.js';
import { replySubject, replyText } from './reply-text.js';

const SUBMISSION = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';

describe('replies to e-mail without an SMTP server (development)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes each reply as a private .eml file in MAIL_OUTBOX_DIR, named after its submission', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-mail-'));
    dirs.push(dir);
    const sender = new ReplySender({
      SMTP_URL: undefined,
      MAIL_FROM: '311 <311@city.example>',
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    } as IntakeConfig);
    await sender.send(
      {
        to: 'maria@example.org',
        subject: replySubject('Pothole', 'SR-2026-0000007'),
        text: replyText({
          kind: 'submission',
          ticketNumber: 'SR-2026-0000007',
          serviceNotice: null,
          serviceCode: 'pothole',
          located: true,
        }),
        inReplyTo: '<m1@example.org>',
      },
      SUBMISSION,
    );
    sender.onApplicationShutdown();
    const files = await readdir(join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${SUBMISSION}\\..*\\.eml$`));
    expect((await stat(join(dir, 'outbox'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'outbox', files[0]))).mode & 0o777).toBe(0o600);
    const eml = await readFile(join(dir, 'outbox', files[0]), 'utf8');
    expect(eml).toContain('To: maria@example.org');
    expect(eml).toContain('Subject: Re: Pothole [SR-2026-0000007]');
    expect(eml).toContain('In-Reply-To: <m1@example.org>');
    expect(eml).toContain('Auto-Submitted: auto-replied');
    expect((await simpleParser(eml)).text).toContain('ticket number SR-2026-0000007');
  });

  it('keeps one ticket number in the subject of a reply to a reply', () => {
    expect(replySubject('Re: Pothole [SR-2026-0000007]', 'SR-2026-0000007')).toBe(
      'Re: Pothole [SR-2026-0000007]',
    );
    expect(replySubject('', 'SR-2026-0000007')).toBe('Re: Your request [SR-2026-0000007]');
  });
});
