import { Injectable } from '@nestjs/common';
import { AssignmentReason, type CaseAssignedV1 } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';

/** The one writer of `case_assignment_fact`; the consumer's inbox makes each event count once. */
@Injectable()
export class CaseAssignmentFactRepository extends TransactionalRepository {
  async count(tx: Transaction, assigned: CaseAssignedV1): Promise<void> {
    const given = assigned.assigneeSubject ? assigned.assignedAt : null;
    await this.managerOf(tx).query(
      `INSERT INTO case_assignment_fact AS f
         (case_id, department_code, changes, automatic, claimed, reassigned, first_assigned_at, last_changed_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET
         department_code = EXCLUDED.department_code,
         changes = f.changes + 1,
         automatic = f.automatic + EXCLUDED.automatic,
         claimed = f.claimed + EXCLUDED.claimed,
         reassigned = f.reassigned + EXCLUDED.reassigned,
         first_assigned_at = least(f.first_assigned_at, EXCLUDED.first_assigned_at),
         last_changed_at = greatest(f.last_changed_at, EXCLUDED.last_changed_at)`,
      [
        assigned.caseId,
        assigned.departmentCode,
        assigned.reason === AssignmentReason.AUTOMATIC ? 1 : 0,
        assigned.reason === AssignmentReason.CLAIMED ? 1 : 0,
        assigned.reason === AssignmentReason.REASSIGNED ? 1 : 0,
        given,
        assigned.assignedAt,
      ],
    );
  }
}
