import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How often each case changed hands (docs/adr/0059), counted from `case-assigned`: every
 * assignment, and by how it came (automatic by a queue's policy, claimed, handed on when someone
 * was deactivated). No staff names or subjects: analytics holds no people.
 */
@Entity('case_assignment_fact')
export class CaseAssignmentFactEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('text')
  departmentCode: string;

  /** Every change of hands, unassignments included. */
  @Column('integer', { default: 0 })
  changes: number;

  @Column('integer', { default: 0 })
  automatic: number;

  @Column('integer', { default: 0 })
  claimed: number;

  @Column('integer', { default: 0 })
  reassigned: number;

  /** The first time the case was given to someone: time to assignment counts from opening to it. */
  @Column('timestamptz', { nullable: true })
  firstAssignedAt: Date | null;

  @Column('timestamptz')
  lastChangedAt: Date;
}
