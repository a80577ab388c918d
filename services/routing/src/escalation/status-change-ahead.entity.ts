import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A status change routing heard for a case before it had routed it (docs/adr/0080): the status
 * consumer and the routing consumer are separate, so a change can be applied first. Kept until
 * the case's deadlines are armed, then applied to them in `changedAt` order and deleted.
 */
@Entity('status_change_ahead')
export class StatusChangeAheadEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'status_change_ahead_pkey' })
  caseId: string;

  @PrimaryColumn('timestamptz', { primaryKeyConstraintName: 'status_change_ahead_pkey' })
  changedAt: Date;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'status_change_ahead_pkey' })
  fromStatus: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'status_change_ahead_pkey' })
  toStatus: string;
}
