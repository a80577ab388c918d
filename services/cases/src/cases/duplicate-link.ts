import { CaseStatus } from '@civitas/contracts';
import type { CaseEntity } from './case.entity.js';

/**
 * The case `found` duplicates (its parent's id), or null. A duplicate is a closed case linked to
 * its parent: reopened — by staff, which clears the link, or by the resident ("not fixed"), which
 * leaves it — it is a case of its own again (docs/case-work.md, "Duplicates").
 */
export function duplicateParentId(
  found: Pick<CaseEntity, 'status' | 'duplicateOfCaseId'>,
): string | null {
  return found.status === CaseStatus.CLOSED ? found.duplicateOfCaseId : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The earliest opening a case may have to be offered as what a report `at` duplicates. */
export function duplicateWindowStart(windowDays: number, at: Date): Date {
  return new Date(at.getTime() - windowDays * DAY_MS);
}
