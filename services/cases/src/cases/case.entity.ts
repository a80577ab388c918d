import { CaseStatus, Channel, Priority, SlaClock } from '@civitas/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One part of a split case, as the parent records it. */
export interface SplitPartRecord {
  ticketNumber: string;
  serviceCode: string;
}

/** A case: one resident's request worked to closure. Holds a citizen id, never the person. */
@Entity('service_case')
// A resident's cases (citizen 360, data download, erasure, merges) are found by reporter.
@Index('service_case_reporter_idx', ['reporterId'])
// A case's own duplicates are found by parent (they follow it when it becomes a duplicate itself).
@Index('service_case_duplicate_of_idx', ['duplicateOfCaseId'])
// A split case's parts are found by parent (docs/adr/0062).
@Index('service_case_parent_idx', ['parentCaseId'])
// Worklists page open cases of a department by key, one index per order (docs/adr/0059).
@Index('service_case_worklist_due_idx', ['departmentCode', 'dueAt', 'id'], {
  where: `status <> 'CLOSED'`,
})
@Index('service_case_worklist_created_idx', ['departmentCode', 'openedAt', 'id'], {
  where: `status <> 'CLOSED'`,
})
// By priority rank, an expression TypeORM cannot declare: written in its migration.
@Index('service_case_worklist_priority_idx', { synchronize: false })
// Someone's open cases: "my worklist", capacity and workload.
@Index('service_case_assignee_open_idx', ['assigneeSubject', 'dueAt', 'id'], {
  where: `status <> 'CLOSED'`,
})
// Open cases of a service near a place and recent enough: the nearby-duplicate search (ADR 0063).
@Index('service_case_nearby_idx', ['serviceCode', 'latitude', 'longitude', 'openedAt'], {
  where: `status <> 'CLOSED'`,
})
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  ticketNumber: string;

  @Column('uuid', { unique: true })
  submissionId: string;

  @Column('text')
  serviceCode: string;

  @Column('text')
  channel: Channel;

  @Column('text')
  status: CaseStatus;

  @Column('text', { nullable: true })
  priority: Priority | null;

  @Column('text', { nullable: true })
  departmentCode: string | null;

  @Column('text', { nullable: true })
  queueCode: string | null;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  /** How the target's hours are counted (routing's decision); null until routed. */
  @Column('text', { nullable: true })
  slaClock: SlaClock | null;

  /** The target in hours of `slaClock`; null until routed. */
  @Column('integer', { nullable: true })
  slaHours: number | null;

  /** From when the case is AT_RISK of missing its target; null until routed. */
  @Column('timestamptz', { nullable: true })
  atRiskAt: Date | null;

  /**
   * Since when its clock is paused on hold (docs/adr/0068): `dueAt` and `atRiskAt` keep the times
   * they had then until routing moves them on its leaving hold. Null while the clock runs.
   */
  @Column('timestamptz', { nullable: true })
  slaHeldSince: Date | null;

  /** While paused: the minutes of the target's clock left (business minutes for BUSINESS). */
  @Column('integer', { nullable: true })
  slaHeldMinutes: number | null;

  /** The instant of the last pause or resumption recorded (an older one arriving late is ignored). */
  @Column('timestamptz', { nullable: true })
  slaMovedAt: Date | null;

  @Column('uuid', { nullable: true })
  reporterId: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('double precision', { nullable: true })
  latitude: number | null;

  @Column('double precision', { nullable: true })
  longitude: number | null;

  @Column('text', { nullable: true })
  address: string | null;

  /** The place's id in the jurisdiction's address repository, as submitted (Open311 `address_id`). */
  @Column('text', { nullable: true })
  addressId: string | null;

  @Column('boolean', { default: false })
  emergency: boolean;

  /** A photo or video of the problem, as submitted (Open311 `media_url`). */
  @Column('text', { nullable: true })
  mediaUrl: string | null;

  /** Answers to the service's questions (Open311 attributes), as submitted. */
  @Column('jsonb', { nullable: true })
  attributes: Record<string, string | string[]> | null;

  /** Never listed publicly (a sensitive category, or the reporter's choice). */
  @Column('boolean', { default: false })
  private: boolean;

  /**
   * The case this one duplicates (its parent), set when staff close it as a duplicate and cleared
   * by staff reopening it. Read it through `duplicateParentId`: only a closed case is a duplicate.
   */
  @Column('uuid', { nullable: true })
  @ForeignKey(() => CaseEntity, 'id', { name: 'service_case_duplicate_of_case_id_fkey' })
  duplicateOfCaseId: string | null;

  /** The case this one was split from (docs/adr/0062); null for a case not split from another. */
  @Column('uuid', { nullable: true })
  @ForeignKey(() => CaseEntity, 'id', { name: 'service_case_parent_case_id_fkey' })
  parentCaseId: string | null;

  /**
   * The parts this case was split into, in order, recorded when staff split it (before intake's
   * submissions open them); null for a case never split.
   */
  @Column('jsonb', { nullable: true })
  splitParts: SplitPartRecord[] | null;

  /**
   * The open case of the same service this one was reported near when it was opened (docs/adr/0063),
   * until staff confirm it (`markCaseDuplicate`, which clears it and sets `duplicateOfCaseId`) or
   * reject it. For staff only.
   */
  @Column('uuid', { nullable: true })
  @ForeignKey(() => CaseEntity, 'id', { name: 'service_case_possible_duplicate_of_case_id_fkey' })
  possibleDuplicateOfCaseId: string | null;

  /**
   * The district routing placed the case in from its coordinates (routing's districts); null
   * until routed, without coordinates, or outside every district.
   */
  @Column('text', { nullable: true })
  districtCode: string | null;

  /** Who works it (a staff member's subject, docs/adr/0059); null while unassigned. */
  @Column('text', { nullable: true })
  @ForeignKey('staff_member', 'subject', { name: 'service_case_assignee_subject_fkey' })
  assigneeSubject: string | null;

  /** When its current assignee was given it; null while unassigned. */
  @Column('timestamptz', { nullable: true })
  assignedAt: Date | null;

  @Column('timestamptz')
  openedAt: Date;

  @Column('timestamptz', { nullable: true })
  routedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;
}
