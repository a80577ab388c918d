/**
 * What became of one submission, as its client saw it:
 * - `acknowledged`: a ticket number came back; the platform owes it a case.
 * - `refused`: an answer said no (a GraphQL error code, an Open311 error, a 503 when shed).
 * - `unreachable`: the connection was refused, so nothing was sent.
 * - `no-answer`: sent, but the connection broke or the time ran out: the client cannot know.
 */
export type AttemptOutcome = 'acknowledged' | 'refused' | 'unreachable' | 'no-answer';

export type SubmissionChannel = 'graphql' | 'open311';

export interface Attempt {
  n: number;
  channel: SubmissionChannel;
  /** Milliseconds since the load began. */
  sentAtMs: number;
  ms: number;
  outcome: AttemptOutcome;
  ticket?: string;
  /** Why it was refused or not answered: an error code, an HTTP status or a socket error. */
  reason?: string;
}

export interface SteadyLoadOptions {
  /** The gateway's base URL (no path). */
  gatewayBaseUrl: string;
  /** An Open311 API key (Open311 POST needs one). */
  apiKey: string;
  ratePerSecond: number;
  /** Beyond this many unanswered submissions the next is not sent (counted as skipped). */
  maxInFlight?: number;
  timeoutMs?: number;
  /** Distinguishes this run's reporters (their e-mail addresses) from another's. */
  runId: string;
}

export interface LoadSummary {
  sent: number;
  skipped: number;
  acknowledged: number;
  refused: Record<string, number>;
  unreachable: number;
  noAnswer: number;
  byChannel: Record<SubmissionChannel, number>;
}

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;

/** Places 200-odd metres apart on a 200 x 200 grid: no report is a possible duplicate of another. */
function placeOf(n: number): { latitude: number; longitude: number; address: string } {
  return {
    latitude: Number((40.55 + (n % 200) * 0.002).toFixed(6)),
    longitude: Number((-74.15 + (Math.floor(n / 200) % 200) * 0.002).toFixed(6)),
    address: `${n} Chaos Ave`,
  };
}

/**
 * Submissions at a steady rate through the gateway, alternately by GraphQL and by Open311 POST,
 * each with its own reporter's e-mail address (so each is notified), whatever the platform is
 * going through; it keeps every outcome. The rate is kept by the clock, not by the answers: a
 * platform that stops answering does not slow the load, it collects unanswered submissions up to
 * `maxInFlight`.
 */
export class SteadyLoad {
  readonly attempts: Attempt[] = [];
  private skipped = 0;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private began = 0;
  private next = 0;

  constructor(private readonly options: SteadyLoadOptions) {}

  start(): void {
    this.began = performance.now();
    this.timer = setInterval(() => this.tick(), 1000 / this.options.ratePerSecond);
  }

  /** Stops sending and waits for every submission still unanswered. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
  }

  reporterEmail(n: number): string {
    return `chaos-${this.options.runId}-${n}@example.org`;
  }

  summary(): LoadSummary {
    const refused: Record<string, number> = {};
    const byChannel: Record<SubmissionChannel, number> = { graphql: 0, open311: 0 };
    for (const attempt of this.attempts) {
      byChannel[attempt.channel]++;
      if (attempt.outcome === 'refused') {
        const reason = attempt.reason ?? 'unknown';
        refused[reason] = (refused[reason] ?? 0) + 1;
      }
    }
    const count = (outcome: AttemptOutcome) =>
      this.attempts.filter((a) => a.outcome === outcome).length;
    return {
      sent: this.attempts.length,
      skipped: this.skipped,
      acknowledged: count('acknowledged'),
      refused,
      unreachable: count('unreachable'),
      noAnswer: count('no-answer'),
      byChannel,
    };
  }

  acknowledgedTickets(): string[] {
    return this.attempts.filter((a) => a.ticket).map((a) => a.ticket!);
  }

  private tick(): void {
    if (this.inFlight.size >= (this.options.maxInFlight ?? 64)) {
      this.skipped++;
      return;
    }
    const n = this.next++;
    const channel: SubmissionChannel = n % 2 === 0 ? 'graphql' : 'open311';
    const sentAt = performance.now();
    const submission = (channel === 'graphql' ? this.viaGraphql(n) : this.viaOpen311(n))
      .catch((error: unknown) => failureOf(error))
      .then((result) => {
        this.attempts.push({
          n,
          channel,
          sentAtMs: Math.round(sentAt - this.began),
          ms: Math.round(performance.now() - sentAt),
          ...result,
        });
      })
      .finally(() => this.inFlight.delete(submission));
    this.inFlight.add(submission);
  }

  private async viaGraphql(n: number): Promise<Pick<Attempt, 'outcome' | 'ticket' | 'reason'>> {
    const response = await fetch(`${this.options.gatewayBaseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SUBMIT,
        variables: {
          input: {
            serviceCode: 'pothole',
            description: `Chaos report ${n}`,
            location: placeOf(n),
            reporter: { email: this.reporterEmail(n) },
          },
        },
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let body: {
      data?: { submitServiceRequest?: { ticketNumber: string } | null } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { outcome: 'refused', reason: `HTTP ${response.status}` };
    }
    const ticket = body.data?.submitServiceRequest?.ticketNumber;
    if (ticket) {
      return { outcome: 'acknowledged', ticket };
    }
    return {
      outcome: 'refused',
      reason: body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`,
    };
  }

  private async viaOpen311(n: number): Promise<Pick<Attempt, 'outcome' | 'ticket' | 'reason'>> {
    const place = placeOf(n);
    const response = await fetch(`${this.options.gatewayBaseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: this.options.apiKey,
        service_code: 'pothole',
        lat: String(place.latitude),
        long: String(place.longitude),
        address_string: place.address,
        description: `Chaos report ${n}`,
        email: this.reporterEmail(n),
      }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { outcome: 'refused', reason: `HTTP ${response.status}` };
    }
    const first = Array.isArray(body) ? (body[0] as Record<string, unknown>) : undefined;
    if (response.status === 200 && typeof first?.service_request_id === 'string') {
      return { outcome: 'acknowledged', ticket: first.service_request_id };
    }
    return {
      outcome: 'refused',
      reason: `Open311 ${response.status}${typeof first?.code === 'number' && first.code !== response.status ? ` ${first.code}` : ''}`,
    };
  }
}

/** A failed fetch: refused connections sent nothing; anything else may have been received. */
function failureOf(error: unknown): Pick<Attempt, 'outcome' | 'reason'> {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') {
    return { outcome: 'unreachable', reason: 'ECONNREFUSED' };
  }
  const name = (error as Error).name;
  return {
    outcome: 'no-answer',
    reason: cause?.code ?? (name === 'TimeoutError' ? 'timeout' : (error as Error).message),
  };
}
