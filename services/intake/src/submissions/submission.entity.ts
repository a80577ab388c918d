import { Channel } from '@civitas/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A contact as received, on whatever channel. The raw payload (with the reporter's personal data)
 * is sealed; the columns beside it hold only what operations need to find and count submissions.
 */
@Entity('submission')
@Index('submission_citizen_idx', ['citizenId'])
// A signed-in resident's submissions not opened yet (docs/adr/0096): descending and partial, which
// TypeORM cannot declare: written in its migration.
@Index('submission_unattributed_sub_idx', { synchronize: false })
export class SubmissionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  ticketNumber: string;

  @Column('text')
  channel: Channel;

  @Column('text')
  serviceCode: string;

  /** Client-chosen key: the same key sent again answers the same ticket and creates nothing. */
  @Column('text', { nullable: true, unique: true })
  idempotencyKey: string | null;

  /** The submission as received (JSON), encrypted with the PII keyring. */
  @Column('text')
  payloadSealed: string;

  @Column('boolean', { default: false })
  emergency: boolean;

  /**
   * Private when accepted: the reporter asked, or the service is always private (docs/adr/0057).
   * Null on submissions from before it was recorded (docs/adr/0070): read as private.
   */
  @Column('boolean', { nullable: true })
  private: boolean | null;

  /** What the person was told on submitting (e.g. to call 911), answered again on a repeat. */
  @Column('text', { nullable: true })
  serviceNotice: string | null;

  /** The resident this contact was resolved to (learned from cases' `case-opened`). */
  @Column('uuid', { nullable: true })
  citizenId: string | null;

  @Column('timestamptz')
  receivedAt: Date;

  /** The signed-in person who entered it (an agent on a call), when not the resident themself. */
  @Column('text', { nullable: true })
  submittedBySub: string | null;

  /** The API client (Open311 key) it came through. */
  @Column('text', { nullable: true })
  submittedByClient: string | null;
}
