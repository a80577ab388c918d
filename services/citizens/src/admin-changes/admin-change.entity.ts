import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One changed field of a configuration change, its values as JSON text (docs/adr/0092). */
export interface StoredFieldChange {
  field: string;
  before: string | null;
  after: string | null;
  withheld?: true;
}

/**
 * A configuration change an admin or supervisor made in any service, stored as its
 * `admin-change-recorded` event said (docs/adr/0092). Append-only: the database refuses changes.
 * Keyed by the event's id, so an event delivered twice is one entry.
 */
@Entity('admin_change_audit')
@Index('admin_change_audit_at_idx', ['at', 'id'])
@Index('admin_change_audit_kind_idx', ['kind', 'at'])
@Index('admin_change_audit_actor_idx', ['actorSub', 'at'])
export class AdminChangeAuditEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** When the change was made, in the service that made it. */
  @Column('timestamptz')
  at: Date;

  /** The service that holds what changed. */
  @Column('text')
  service: string;

  @Column('text', { nullable: true })
  actorSub: string | null;

  @Column('text', { array: true })
  actorRoles: string[];

  @Column('text')
  kind: string;

  @Column('text')
  entityId: string;

  @Column('text')
  action: string;

  @Column('jsonb')
  changes: StoredFieldChange[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
