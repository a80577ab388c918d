import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A submission whose citizen a merge re-pointed, with the id it had, so an unmerge can restore it. */
@Entity('citizen_submission_repoint')
@Index('citizen_submission_repoint_submission_idx', ['submissionId'])
export class SubmissionRepointEntity {
  @PrimaryColumn('uuid')
  mergeId: string;

  @PrimaryColumn('uuid')
  submissionId: string;

  @Column('uuid')
  fromCitizenId: string;

  @Column('uuid')
  toCitizenId: string;
}
