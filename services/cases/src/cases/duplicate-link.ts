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
