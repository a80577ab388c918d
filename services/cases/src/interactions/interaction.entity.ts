import type { Channel, InteractionVisibility } from '@civitas/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { CaseEntity } from '../cases/index.js';

/** A call, visit, letter or e-mail about an existing case. Its summary may name people: staff only by default. */
@Entity('interaction')
@Index('interaction_case', ['caseId', 'at'])
@Unique('interaction_idempotency_key_key', ['idempotencyKey'])
@Check('interaction_visibility_check', `visibility IN ('PUBLIC', 'INTERNAL')`)
export class InteractionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => CaseEntity, 'id', { name: 'interaction_case_id_fkey' })
  caseId: string;

  @Column('text')
  channel: Channel;

  @Column('text')
  summary: string;

  @Column('text')
  visibility: InteractionVisibility;

  /** Who called or wrote, when staff identified them (citizens' id; never their details). */
  @Column('uuid', { nullable: true })
  citizenId: string | null;

  /** The staff member's subject, or null when a channel logged it (an e-mail). */
  @Column('text', { nullable: true })
  loggedBy: string | null;

  @Column('text', { nullable: true })
  idempotencyKey: string | null;

  @Column('timestamptz')
  at: Date;
}
