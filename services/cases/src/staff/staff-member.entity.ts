import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A member of staff cases can give work to (docs/adr/0059): who they are (their sign-in subject,
 * the token's `sub`), where they work, and how much open work they take.
 */
@Entity('staff_member')
export class StaffMemberEntity {
  /** The `sub` of their token: how every resolver and the timeline know them. */
  @PrimaryColumn('text')
  subject: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text', { array: true, default: () => "'{}'" })
  departmentCodes: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  queueCodes: string[];

  /** Open cases automatic assignment gives them at most; null: no limit. */
  @Column('integer', { nullable: true })
  capacity: number | null;

  /** Inactive staff get no new work; deactivating someone hands their open cases on. */
  @Column('boolean', { default: true })
  active: boolean;

  /** When they were last given a case: round robin gives the next to whoever waited longest. */
  @Column('timestamptz', { nullable: true })
  lastAssignedAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;

  /** Who saved them last (a subject). */
  @Column('text')
  updatedBy: string;
}
