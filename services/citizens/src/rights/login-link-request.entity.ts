import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type LoginLinkRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * A member of staff asks for a sign-in to be linked to a resident who cannot receive a code (no
 * e-mail or phone, or not at hand); a supervisor or admin other than them decides (ADR 0040).
 * The sign-in (token subject) is sealed like every identity link.
 */
@Entity('login_link_request')
@Index('login_link_request_pending_idx', ['createdAt'], { where: `status = 'PENDING'` })
@Check('login_link_request_status_check', `status IN ('PENDING', 'APPROVED', 'REJECTED')`)
export class LoginLinkRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  subEnc: string;

  @Column('text')
  requestedBy: string;

  @Column('text')
  reason: string;

  @Column('text')
  status: LoginLinkRequestStatus;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
