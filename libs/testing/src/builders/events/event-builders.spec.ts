import { describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  CitizenErased,
  CitizensMerged,
  CitizensUnmerged,
  HistoryAccepted,
  HistoryOpened,
  HistoryRouted,
  InteractionLogged,
  NoteAdded,
  StatusChanged,
  SubmissionAccepted,
  validateAs,
  type EventContract,
  type ReporterContact,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRouted,
  aCitizenErased,
  aCitizensMerged,
  aCitizensUnmerged,
  aHistoryAccepted,
  aHistoryOpened,
  aHistoryRouted,
  aNoteAdded,
  anInteractionLogged,
  aStatusChanged,
  aSubmissionAccepted,
  openSealedTestContact,
} from './index.js';

const valid = <T extends object>(contract: EventContract<T>, payload: T): T =>
  validateAs(contract.payload, payload, contract.subject);

describe('event payload builders (libs/testing)', () => {
  // A builder that drifts from its contract would make every spec using it test nothing.
  it.each([
    ['submission-accepted', SubmissionAccepted, () => aSubmissionAccepted().build()],
    ['case-opened', CaseOpened, () => aCaseOpened().build()],
    ['case-routed', CaseRouted, () => aCaseRouted().build()],
    ['status-changed', StatusChanged, () => aStatusChanged().build()],
    ['note-added', NoteAdded, () => aNoteAdded().build()],
    ['interaction-logged', InteractionLogged, () => anInteractionLogged().build()],
    ['citizens-merged', CitizensMerged, () => aCitizensMerged().build()],
    ['citizens-unmerged', CitizensUnmerged, () => aCitizensUnmerged().build()],
    ['citizen-erased', CitizenErased, () => aCitizenErased().build()],
  ] as [string, EventContract<object>, () => object][])(
    'builds a valid %s by default, a fresh one each time',
    (_name, contract, build) => {
      const first = build();
      expect(() => valid(contract, first)).not.toThrow();
      expect(build()).not.toEqual(first);
    },
  );

  it('seals the reporter as intake does, never sending it in clear', () => {
    const contact: ReporterContact = { firstName: 'Ana', email: 'ana@example.org' };
    const payload = valid(SubmissionAccepted, aSubmissionAccepted().withReporter(contact).build());
    expect(JSON.stringify(payload)).not.toContain('ana@example.org');
    expect(openSealedTestContact(payload.reporterSealed)).toEqual(contact);
  });

  it('names the same case in every event built for it', () => {
    const opened = aCaseOpened().reportedBy('00000000-0000-4000-8000-000000000001').build();
    const closed = valid(
      StatusChanged,
      aStatusChanged().forCase(opened).from(CaseStatus.OPEN).asDuplicateOf('SR-1').build(),
    );
    expect(closed).toMatchObject({
      caseId: opened.caseId,
      ticketNumber: opened.ticketNumber,
      to: CaseStatus.CLOSED,
      duplicateOf: 'SR-1',
    });
    expect(valid(CaseRouted, aCaseRouted().forCase(opened).build()).caseId).toBe(opened.caseId);
  });

  it('opens a case for a submission a spec made, and names a case by its ticket alone', () => {
    const made = aSubmissionAccepted().build();
    expect(valid(CaseOpened, aCaseOpened().forSubmission(made).build())).toMatchObject({
      submissionId: made.submissionId,
      ticketNumber: made.ticketNumber,
    });
    expect(
      valid(StatusChanged, aStatusChanged().withTicketNumber('SR-2026-0000042').build())
        .ticketNumber,
    ).toBe('SR-2026-0000042');
  });

  it('builds valid history batches from live-shaped records', () => {
    const submission = aSubmissionAccepted().imported({
      sourceSystem: 'legacy311',
      sourceId: 'L-1',
      status: CaseStatus.CLOSED,
    });
    const accepted = valid(HistoryAccepted, aHistoryAccepted().of(submission, submission).build());
    expect(accepted.submissions).toHaveLength(2);
    const opened = aCaseOpened().imported();
    expect(valid(HistoryOpened, aHistoryOpened().of(opened).build()).cases[0].legacy).toMatchObject(
      {
        status: CaseStatus.CLOSED,
      },
    );
    expect(valid(HistoryRouted, aHistoryRouted().of(aCaseRouted()).build()).routed).toHaveLength(1);
  });
});
