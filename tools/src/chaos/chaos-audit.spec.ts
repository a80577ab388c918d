import { describe, expect, it } from '@jest/globals';
import {
  judgeDeadLetters,
  judgeTickets,
  NO_EVIDENCE,
  POISON_MARK,
  type DeadLetterRecord,
  type TicketEvidence,
} from './chaos-audit.js';

/** A ticket that went all the way: one case, routed once, counted once, told once, one e-mail each. */
const done: TicketEvidence = {
  submissions: 1,
  cases: 1,
  routedEntries: 1,
  routingRecords: 1,
  facts: 1,
  receivedNotices: 1,
  receivedSent: 1,
  deliveriesSent: 2,
  mailsWritten: 2,
};

const kinds = (acknowledged: string[], evidence: Record<string, Partial<TicketEvidence>>) =>
  judgeTickets(
    acknowledged,
    new Map(Object.entries(evidence).map(([t, e]) => [t, { ...NO_EVIDENCE, ...e }])),
  ).map((f) => `${f.kind}: ${f.examples.join(',')}`);

describe('judgeTickets', () => {
  it('finds nothing when every ticket went all the way once', () => {
    expect(kinds(['SR-1', 'SR-2'], { 'SR-1': done, 'SR-2': done })).toEqual([]);
  });

  it('names an acknowledged ticket that intake never kept (a lost report)', () => {
    expect(kinds(['SR-1'], {})).toEqual([
      'acknowledged but not in intake: SR-1',
      'no case: SR-1',
      'not routed: SR-1',
      'not counted: SR-1',
      'reporter not told it was received: SR-1',
    ]);
  });

  it('holds a ticket intake kept without acknowledging it to the same account', () => {
    expect(kinds([], { 'SR-9': { ...done, cases: 0, routedEntries: 0 } })).toEqual([
      'no case: SR-9',
      'not routed: SR-9',
    ]);
  });

  it('names what was done twice', () => {
    expect(
      kinds(['SR-1', 'SR-2', 'SR-3', 'SR-4', 'SR-5'], {
        'SR-1': { ...done, cases: 2, routedEntries: 2 },
        'SR-2': { ...done, routingRecords: 2 },
        'SR-3': { ...done, facts: 2 },
        'SR-4': { ...done, receivedNotices: 2, receivedSent: 2 },
        'SR-5': { ...done, mailsWritten: 3 },
      }),
    ).toEqual([
      'more than one case: SR-1',
      'routed more than once: SR-2',
      'counted more than once: SR-3',
      'reporter told more than once it was received: SR-4',
      'e-mail written more than once: SR-5',
    ]);
  });

  it('tells a receipt waiting to be sent from one never queued', () => {
    expect(
      kinds(['SR-1'], { 'SR-1': { ...done, receivedSent: 0, deliveriesSent: 1, mailsWritten: 1 } }),
    ).toEqual(['receipt queued but not sent: SR-1']);
  });

  it('counts all of a kind and keeps a few examples', () => {
    const tickets = Array.from({ length: 8 }, (_, i) => `SR-${i}`);
    const [finding] = judgeTickets(
      tickets,
      new Map(tickets.map((t) => [t, { ...done, facts: 0 }])),
    );
    expect(finding).toEqual({ kind: 'not counted', count: 8, examples: tickets.slice(0, 5) });
  });
});

describe('judgeDeadLetters', () => {
  const letter = (message: unknown): DeadLetterRecord => ({
    consumer: 'analytics-case-opened',
    subject: 'chaos.cases.evt.case-opened.v1',
    error: { name: 'TypeORMError', message: 'Driver not Connected' },
    message,
  });

  it('accepts the poison the run published', () => {
    expect(judgeDeadLetters([letter({ payload: { [POISON_MARK]: 'run-0' } })])).toEqual([]);
  });

  it('names a real event in the dead letters with its consumer and error', () => {
    expect(judgeDeadLetters([letter({ payload: { caseId: 'c1' } })])).toEqual([
      {
        kind: 'dead letter that is not poison',
        count: 1,
        examples: [
          'analytics-case-opened on chaos.cases.evt.case-opened.v1: TypeORMError: Driver not Connected',
        ],
      },
    ]);
  });
});
