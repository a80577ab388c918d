import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_PURPOSES = ['STATUS_UPDATES', 'SURVEYS', 'SERVICE_ANNOUNCEMENTS'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** How a consent was given or withdrawn: by the resident online, or told to staff on a channel. */
export const CONSENT_SOURCES = [
  'SELF_SERVICE',
  'PHONE',
  'EMAIL',
  'LETTER',
  'WALK_IN',
  'WEB',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** One consent given or withdrawn. Append-only: the database refuses UPDATE and DELETE. */
@Entity('consent_event')
@Index('consent_event_citizen_idx', ['citizenId', 'at'])
@Check('consent_event_channel_check', `channel IN ('EMAIL', 'SMS', 'PHONE', 'POST')`)
@Check(
  'consent_event_purpose_check',
  `purpose IN ('STATUS_UPDATES', 'SURVEYS', 'SERVICE_ANNOUNCEMENTS')`,
)
export class ConsentEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  channel: ConsentChannel;

  @Column('text')
  purpose: ConsentPurpose;

  @Column('boolean')
  granted: boolean;

  @Column('text')
  source: ConsentSource;

  /** The staff member's or the resident's token subject. */
  @Column('text', { nullable: true })
  recordedBy: string | null;

  @Column('timestamptz')
  at: Date;
}
