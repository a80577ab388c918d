import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per case, folded from the events about it, whatever order they arrive in. Never holds
 * personal data: no reporter, no description as written (only intake's scrubbed
 * `publicDescription`), and no location finer than a 100 m grid cell.
 */
@Entity('case_fact')
// BRIN on the times (written in roughly time order), written as SQL in their migration.
@Index('case_fact_opened_at_brin', { synchronize: false })
@Index('case_fact_closed_at_brin', { synchronize: false })
@Index('case_fact_open_due_idx', ['dueAt'], { where: `status <> 'CLOSED'` })
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

  /**
   * The due time the case is judged on: routing's, or the one it moved to when the clock resumed
   * after a hold (`case-deadlines-moved`, docs/adr/0080); while held, the one it had when paused.
   */
  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  /**
   * Since when the service-level clock is paused on hold (docs/adr/0068, 0080); null while it runs.
   * A held case is neither overdue nor late; closed while held, it met its target.
   */
  @Column('timestamptz', { nullable: true })
  slaHeldSince: Date | null;

  /** The status change behind the last clock move recorded: an older move arriving late is ignored. */
  @Column('timestamptz', { nullable: true })
  slaMovedAt: Date | null;

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

  /** The district routing found the case in (`case-routed`); null outside every district. */
  @Column('text', { nullable: true })
  districtCode: string | null;

  /**
   * The centre of the 100 m grid cell the case's location falls in (docs/adr/0056): snapped when
   * the event arrives, so the exact coordinates are never stored. Null without a location.
   */
  @Column('double precision', { nullable: true })
  cellLatitude: number | null;

  @Column('double precision', { nullable: true })
  cellLongitude: number | null;

  /** When the case was reopened (a change from CLOSED), oldest first. */
  @Column('timestamptz', { array: true, default: () => "'{}'" })
  reopenedAt: Date[];

  /** Closed by staff as a duplicate of another case (its latest change): counted once, there. */
  @Column('boolean', { default: false })
  duplicate: boolean;

  /** Kept private (the reporter asked, or the service always is): never in open data (ADR 0057). */
  @Column('boolean', { default: false })
  private: boolean;

  /**
   * The description as intake scrubbed it for publication (no e-mail, phone or reporter name:
   * docs/adr/0057); open data shows it only for services that allow it. Null without one.
   */
  @Column('text', { nullable: true })
  publicDescription: string | null;

  /** The latest closure survey score (1 to 5) given for the case, and when (docs/adr/0060). */
  @Column('smallint', { nullable: true })
  satisfactionScore: number | null;

  @Column('timestamptz', { nullable: true })
  satisfactionAt: Date | null;

  /**
   * When routing's deadline timer escalated the case (found it open past its due time:
   * `routing.evt.case-overdue.v1`, docs/adr/0058, 0084); null if it never was.
   */
  @Column('timestamptz', { nullable: true })
  escalatedAt: Date | null;
}
