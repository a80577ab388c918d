import { describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import { toOpen311Update } from './service-request-updates.use-case.js';

const update = (status: CaseStatus, kind = 'NOTE', summary = 'Still there') => ({
  id: '7f0c3c1e-0000-4000-8000-000000000001',
  ticketNumber: 'SR-2026-0000001',
  at: '2026-12-06T10:00:00.000Z',
  kind,
  summary,
  status,
});

describe('an Open311 update', () => {
  it('carries only open or closed as its status, whatever the request was', () => {
    expect(toOpen311Update(update(CaseStatus.NEW, 'OPENED', 'Received via OPEN311')).status).toBe(
      'open',
    );
    expect(toOpen311Update(update(CaseStatus.ON_HOLD)).status).toBe('open');
    expect(
      toOpen311Update(update(CaseStatus.CLOSED, 'STATUS_CHANGED', 'Closed: filled')).status,
    ).toBe('closed');
    const reopened = toOpen311Update(
      update(CaseStatus.OPEN, 'STATUS_CHANGED', 'Reopened: not fixed. It is back'),
    );
    expect(reopened.status).toBe('open');
    expect(reopened).not.toHaveProperty('extended_status');
  });

  it('says more in extended_status only when the client asks for extensions', () => {
    expect(
      toOpen311Update(update(CaseStatus.NEW, 'OPENED', 'Received via OPEN311'), true),
    ).toMatchObject({ status: 'open', extended_status: 'for_triage' });
    expect(
      toOpen311Update(update(CaseStatus.OPEN, 'STATUS_CHANGED', 'Reopened: not fixed'), true),
    ).toMatchObject({ status: 'open', extended_status: 'reopen' });
    expect(toOpen311Update(update(CaseStatus.ON_HOLD), true)).toMatchObject({
      extended_status: 'action_scheduled',
    });
  });
});
