import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the relay answers RCPT TO for a recipient it will not take: 550 for good, 451 for now. */
export interface SmtpRefusal {
  responseCode: number;
  message: string;
}

export interface TestSmtpRelayOptions {
  /**
   * Default: a port the OS picks when the relay binds (read it from `port`/`url`). Give the port
   * of a relay closed earlier to bring it back where the service under test already sends.
   */
  port?: number;
  /** Where accepted messages go, parsed (default: a new array, `received`). */
  received?: ParsedMail[];
  /** Asked for every recipient; a refusal is answered at RCPT TO. */
  refuse?: (recipient: string) => SmtpRefusal | undefined;
  /**
   * How long the relay waits, once it holds a message (it is in `received`), before answering
   * 250: a slow relay, so a test can take something away while a sender waits for the answer.
   */
  answerDelayMs?: number;
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
        if (options.answerDelayMs) {
          setTimeout(() => callback(), options.answerDelayMs);
        } else {
          callback();
        }
      }, callback);
    },
  });
  await listen(server, options.port ?? 0);
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** How long a relay brought back waits for its old port, should another socket hold it briefly. */
const REBIND_TIMEOUT_MS = 5_000;

/**
 * Binds `port` (0: the OS picks). A relay brought back must have its old port, which the OS cannot
 * pick for it, so a port still held by someone else for a moment is retried.
 */
async function listen(server: SMTPServer, port: number): Promise<void> {
  const deadline = Date.now() + REBIND_TIMEOUT_MS;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        // SMTPServer re-emits its socket's errors as its own.
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.removeListener('error', reject);
          resolve();
        });
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
