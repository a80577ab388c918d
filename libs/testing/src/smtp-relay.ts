import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A free TCP port on loopback (closed again before it is answered). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** How the relay answers RCPT TO for a recipient it will not take: 550 for good, 451 for now. */
export interface SmtpRefusal {
  responseCode: number;
  message: string;
}

export interface TestSmtpRelayOptions {
  /** Default: a free port. Give the same port to bring a relay back after `close()`. */
  port?: number;
  /** Where accepted messages go, parsed (default: a new array, `received`). */
  received?: ParsedMail[];
  /** Asked for every recipient; a refusal is answered at RCPT TO. */
  refuse?: (recipient: string) => SmtpRefusal | undefined;
}

export interface TestSmtpRelay {
  port: number;
  url: string;
  received: ParsedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback standing for the organisation's mail relay (no TLS, no AUTH):
 * tests send through it and read what arrived. The one mail server the tests use.
 */
export async function startTestSmtpRelay(
  options: TestSmtpRelayOptions = {},
): Promise<TestSmtpRelay> {
  const received = options.received ?? [];
  const port = options.port ?? (await freePort());
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const refusal = options.refuse?.(address.address);
      if (refusal) {
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
        return;
      }
      callback();
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
