import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import type { IntakeConfig } from '../config/intake.config.js';
import { ReplySender } from './reply-sender.js';
import { replySubject, replyText } from './reply-text.js';

describe('replies to e-mail without an SMTP server (development)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes each reply as an .eml file in MAIL_OUTBOX_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-mail-'));
    dirs.push(dir);
    const sender = new ReplySender({
      SMTP_URL: undefined,
      MAIL_FROM: '311 <311@city.example>',
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    } as IntakeConfig);
    await sender.send({
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
    });
    sender.onApplicationShutdown();
    const files = await readdir(join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
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
