import { describe, expect, it } from '@jest/globals';
import type { MyData } from '../api/operations';
import { myRequests } from './myRequests';

const data = (
  submissions: MyData['intake']['submissions'],
  cases: MyData['cases']['cases'],
): MyData => ({ generatedAt: '2026-12-07T12:00:00Z', intake: { submissions }, cases: { cases } });

describe('my requests, from the resident’s data', () => {
  it('lists each submission with its case’s status, received while no case is open yet, newest first', () => {
    const rows = myRequests(
      data(
        [
          { ticketNumber: 'SR-1', serviceCode: 'pothole', receivedAt: '2026-12-01T09:00:00Z' },
          { ticketNumber: 'SR-2', serviceCode: 'graffiti', receivedAt: '2026-12-05T09:00:00Z' },
        ],
        [
          {
            ticketNumber: 'SR-1',
            serviceCode: 'pothole',
            status: 'CLOSED',
            openedAt: '2026-12-01T09:00:01Z',
            closedAt: '2026-12-02T09:00:00Z',
          },
        ],
      ),
    );
    expect(rows).toEqual([
      {
        ticketNumber: 'SR-2',
        serviceCode: 'graffiti',
        receivedAt: '2026-12-05T09:00:00Z',
        status: 'NEW',
      },
      {
        ticketNumber: 'SR-1',
        serviceCode: 'pothole',
        receivedAt: '2026-12-01T09:00:00Z',
        status: 'CLOSED',
      },
    ]);
  });

  it('keeps a case with no submission of theirs (a record merged into theirs), by its opening', () => {
    const rows = myRequests(
      data(
        [],
        [
          {
            ticketNumber: 'SR-9',
            serviceCode: 'streetlight',
            status: 'OPEN',
            openedAt: '2026-11-30T08:00:00Z',
            closedAt: null,
          },
        ],
      ),
    );
    expect(rows).toEqual([
      {
        ticketNumber: 'SR-9',
        serviceCode: 'streetlight',
        receivedAt: '2026-11-30T08:00:00Z',
        status: 'OPEN',
      },
    ]);
  });
});
