/** Sends one text message; throws when the provider did not accept it. */
export interface SmsProvider {
  send(to: string, body: string): Promise<void>;
}

/** Bound to null when no provider is configured: SMS deliveries are then recorded as skipped. */
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** A provider reached by an HTTP webhook: POST `{to, body}` as JSON; any 2xx is accepted. */
export class HttpWebhookSmsProvider implements SmsProvider {
  constructor(private readonly url: string) {}

  async send(to: string, body: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to, body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`SMS webhook answered HTTP ${response.status}`);
    }
  }
}
