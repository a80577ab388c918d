import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BusNaming } from '@civitas/messaging';
import pg from 'pg';

/** What each service's own records say about one ticket. */
export interface TicketEvidence {
  /** Rows in intake's `submission`. */
  submissions: number;
  /** Rows in cases' `service_case`. */
  cases: number;
  /** ROUTED entries on its case's timeline (cases' record of routing's decision). */
  routedEntries: number;
  /** Rows in routing's `case_routing`. */
  routingRecords: number;
  /** Rows in analytics' `case_fact`. */
  facts: number;
  /** CASE_RECEIVED deliveries queued in citizens for its reporter. */
  receivedNotices: number;
  /** ...of which sent. */
  receivedSent: number;
  /** Deliveries of any template sent for it, and e-mails the notifier wrote for it. */
  deliveriesSent: number;
  mailsWritten: number;
}

export const NO_EVIDENCE: TicketEvidence = {
  submissions: 0,
  cases: 0,
  routedEntries: 0,
  routingRecords: 0,
  facts: 0,
  receivedNotices: 0,
  receivedSent: 0,
  deliveriesSent: 0,
  mailsWritten: 0,
};

/** A way a ticket can fail "exactly one case, routed once, counted once, notified once". */
export type TicketFindingKind =
  | 'acknowledged but not in intake'
  | 'no case'
  | 'more than one case'
  | 'not routed'
  | 'routed more than once'
  | 'not counted'
  | 'counted more than once'
  | 'reporter not told it was received'
  | 'reporter told more than once it was received'
  | 'receipt queued but not sent'
  | 'e-mail written more than once';

export interface Finding {
  kind: TicketFindingKind | 'dead letter that is not poison' | 'rollup count differs from facts';
  /** Tickets (or dead-letter records) concerned; at most `EXAMPLES` are kept. */
  examples: string[];
  count: number;
}

const EXAMPLES = 5;

/**
 * Every ticket intake acknowledged, or holds without having acknowledged it (the client got no
 * answer), must be one case, routed once, counted once and its reporter told once that it was
 * received. Returns what differs, by kind; nothing when all is well.
 */
export function judgeTickets(
  acknowledged: readonly string[],
  evidence: ReadonlyMap<string, TicketEvidence>,
): Finding[] {
  const found = new Map<TicketFindingKind, string[]>();
  const note = (kind: TicketFindingKind, ticket: string) =>
    found.set(kind, [...(found.get(kind) ?? []), ticket]);
  const tickets = new Set([...acknowledged, ...evidence.keys()]);
  for (const ticket of tickets) {
    const e = evidence.get(ticket) ?? NO_EVIDENCE;
    if (e.submissions === 0) {
      note('acknowledged but not in intake', ticket);
    }
    if (e.cases === 0) {
      note('no case', ticket);
    } else if (e.cases > 1) {
      note('more than one case', ticket);
    }
    if (e.routingRecords === 0 || e.routedEntries === 0) {
      note('not routed', ticket);
    } else if (e.routingRecords > 1 || e.routedEntries > e.cases) {
      note('routed more than once', ticket);
    }
    if (e.facts === 0) {
      note('not counted', ticket);
    } else if (e.facts > 1) {
      note('counted more than once', ticket);
    }
    if (e.receivedNotices === 0) {
      note('reporter not told it was received', ticket);
    } else if (e.receivedNotices > 1) {
      note('reporter told more than once it was received', ticket);
    } else if (e.receivedSent === 0) {
      note('receipt queued but not sent', ticket);
    }
    if (e.mailsWritten > e.deliveriesSent) {
      note('e-mail written more than once', ticket);
    }
  }
  return [...found].map(([kind, all]) => ({
    kind,
    examples: all.slice(0, EXAMPLES),
    count: all.length,
  }));
}

/** One record of the dead-letter stream (libs/messaging's `deadLetter`). */
export interface DeadLetterRecord {
  consumer: string;
  subject: string;
  error: { name: string; message: string };
  message: unknown;
}

/** The field a poison message the run published carries, to tell it from a real dead letter. */
export const POISON_MARK = 'chaosPoison';

export function isPoison(record: DeadLetterRecord): boolean {
  const payload = (record.message as { payload?: Record<string, unknown> } | null)?.payload;
  return typeof payload?.[POISON_MARK] === 'string';
}

export function judgeDeadLetters(records: readonly DeadLetterRecord[]): Finding[] {
  const real = records.filter((record) => !isPoison(record));
  return real.length === 0
    ? []
    : [
        {
          kind: 'dead letter that is not poison',
          examples: real
            .slice(0, EXAMPLES)
            .map((r) => `${r.consumer} on ${r.subject}: ${r.error.name}: ${r.error.message}`),
          count: real.length,
        },
      ];
}

/** How a run reaches each service's own database. */
export type DatabaseUrlOf = (
  service: 'intake' | 'cases' | 'routing' | 'analytics' | 'citizens',
) => string;

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const TICKET = /SR-\d{4}-\d{7}/g;

/** Reads what each service recorded about every ticket, and the e-mails the notifier wrote. */
export async function gatherEvidence(
  databaseUrlOf: DatabaseUrlOf,
  mailDir: string,
): Promise<Map<string, TicketEvidence>> {
  const evidence = new Map<string, TicketEvidence>();
  const add = (ticket: string, field: keyof TicketEvidence, n: number) => {
    const e = evidence.get(ticket) ?? { ...NO_EVIDENCE };
    e[field] += n;
    evidence.set(ticket, e);
  };
  type Counted = { ticket: string; n: string };
  const count = async (
    service: Parameters<DatabaseUrlOf>[0],
    field: keyof TicketEvidence,
    sql: string,
  ) => {
    for (const row of await rows<Counted>(databaseUrlOf(service), sql)) {
      add(row.ticket, field, Number(row.n));
    }
  };
  await count(
    'intake',
    'submissions',
    'SELECT ticket_number AS ticket, count(*) AS n FROM submission GROUP BY 1',
  );
  await count(
    'cases',
    'cases',
    'SELECT ticket_number AS ticket, count(*) AS n FROM service_case GROUP BY 1',
  );
  await count(
    'cases',
    'routedEntries',
    `SELECT c.ticket_number AS ticket, count(*) AS n
       FROM timeline_entry t JOIN service_case c ON c.id = t.case_id
      WHERE t.kind = 'ROUTED' GROUP BY 1`,
  );
  await count(
    'routing',
    'routingRecords',
    'SELECT ticket_number AS ticket, count(*) AS n FROM case_routing GROUP BY 1',
  );
  await count(
    'analytics',
    'facts',
    'SELECT ticket_number AS ticket, count(*) AS n FROM case_fact GROUP BY 1',
  );
  const notices = `FROM notification_delivery WHERE citizen_id IS NOT NULL`;
  await count(
    'citizens',
    'receivedNotices',
    `SELECT params->>'ticketNumber' AS ticket, count(*) AS n ${notices} AND template = 'CASE_RECEIVED' GROUP BY 1`,
  );
  await count(
    'citizens',
    'receivedSent',
    `SELECT params->>'ticketNumber' AS ticket, count(*) AS n ${notices} AND template = 'CASE_RECEIVED' AND status = 'SENT' GROUP BY 1`,
  );
  await count(
    'citizens',
    'deliveriesSent',
    `SELECT params->>'ticketNumber' AS ticket, count(*) AS n ${notices} AND status = 'SENT' GROUP BY 1`,
  );
  for (const ticket of await ticketsInMails(mailDir)) {
    add(ticket, 'mailsWritten', 1);
  }
  return evidence;
}

/** The ticket each e-mail the notifier wrote (one .eml file per message) is about. */
async function ticketsInMails(mailDir: string): Promise<string[]> {
  const names = await readdir(mailDir).catch(() => [] as string[]);
  const tickets: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.eml'))) {
    // Quoted-printable may break a long line anywhere with `=` and a newline.
    const text = (await readFile(join(mailDir, name), 'utf8')).replace(/=\r?\n/g, '');
    const inMail = new Set(text.match(TICKET) ?? []);
    if (inMail.size === 1) {
      tickets.push(...inMail);
    }
  }
  return tickets;
}

/**
 * Cases received by analytics' daily rollup against its facts that count (opened, not a duplicate:
 * a fact made by a routing that overtook its opening counts nothing yet): counted once means equal.
 * The rollups trail the facts (docs/adr/0087): this waits up to `foldWaitMs` for nothing to be
 * pending, and compares then.
 */
export async function rollupAgainstFacts(
  databaseUrlOf: DatabaseUrlOf,
  foldWaitMs = 30_000,
): Promise<Finding[]> {
  const deadline = Date.now() + foldWaitMs;
  for (;;) {
    const [{ pending }] = await rows<{ pending: string }>(
      databaseUrlOf('analytics'),
      'SELECT count(*) AS pending FROM rollup_pending',
    );
    if (Number(pending) === 0 || Date.now() > deadline) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const [{ received, facts }] = await rows<{ received: string; facts: string }>(
    databaseUrlOf('analytics'),
    `SELECT (SELECT coalesce(sum(received), 0) FROM case_daily) AS received,
            (SELECT count(*) FROM case_fact WHERE opened_at IS NOT NULL AND NOT duplicate) AS facts`,
  );
  return Number(received) === Number(facts)
    ? []
    : [
        {
          kind: 'rollup count differs from facts',
          examples: [`case_daily received ${received}, opened facts ${facts}`],
          count: Math.abs(Number(received) - Number(facts)),
        },
      ];
}

/** Every record in the bus namespace's dead-letter stream. */
export async function readDeadLetters(
  natsUrl: string,
  namespace: string,
): Promise<DeadLetterRecord[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = new BusNaming(namespace).deadLetterStream();
    const info = await jsm.streams.info(stream);
    const records: DeadLetterRecord[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages; seq++) {
      const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (stored) {
        records.push(stored.json<DeadLetterRecord>());
      }
    }
    return records;
  } finally {
    await nc.close();
  }
}
