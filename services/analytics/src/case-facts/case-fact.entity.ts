import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per case, folded from the events about it, whatever order they arrive in. Never holds
 * personal data: no reporter, description or location.
 */
@Entity('case_fact')
export class CaseFactEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('text')
  ticketNumber: string;

  @Column('text')
  serviceCode: string;

  /** Null until `case-opened` arrives (a `case-routed` may come first). */
  @Column('text', { nullable: true })
  channel: string | null;

  @Column('text', { nullable: true })
  departmentCode: string | null;

  @Column('text', { nullable: true })
  priority: string | null;

  @Column('timestamptz', { nullable: true })
  openedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  routedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('text', { default: 'OPEN' })
  status: string;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  /** When staff or the resident last changed the status (`status-changed`); null until then. */
  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  /** The legacy system an imported case came from; null for live cases. */
  @Column('text', { nullable: true })
  legacySource: string | null;
}
