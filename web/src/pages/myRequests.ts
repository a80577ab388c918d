import type { CaseStatus, MyData } from '../api/operations';

export interface MyRequest {
  ticketNumber: string;
  serviceCode: string;
  receivedAt: string;
  status: CaseStatus;
}

/**
 * The resident's requests from their data download (docs/adr/0085): each submission with its
 * case's status (received when no case is open for it yet), and cases with no submission of
 * theirs (e.g. from a record merged into theirs), newest first.
 */
export function myRequests(data: MyData): MyRequest[] {
  const cases = new Map(data.cases.cases.map((c) => [c.ticketNumber, c]));
  const rows: MyRequest[] = data.intake.submissions.map((s) => ({
    ticketNumber: s.ticketNumber,
    serviceCode: s.serviceCode,
    receivedAt: s.receivedAt,
    status: cases.get(s.ticketNumber)?.status ?? 'NEW',
  }));
  const submitted = new Set(rows.map((r) => r.ticketNumber));
  for (const c of data.cases.cases) {
    if (!submitted.has(c.ticketNumber)) {
      rows.push({
        ticketNumber: c.ticketNumber,
        serviceCode: c.serviceCode,
        receivedAt: c.openedAt,
        status: c.status,
      });
    }
  }
  return rows.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}
