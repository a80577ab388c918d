import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A one-time code sent to a resident's own e-mail or phone so that the member of staff who asked
 * for it can link a sign-in to them (the resident reads it out). One live code per resident and
 * member of staff; kept only as a keyed hash.
 */
@Entity('login_link_code')
@Unique('login_link_code_once', ['citizenId', 'requestedBy'])
export class LoginLinkCodeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  /** The token subject of the member of staff who asked for it; only they may use it. */
  @Column('text')
  requestedBy: string;

  @Column('text', { nullable: true })
  codeHash: string | null;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
