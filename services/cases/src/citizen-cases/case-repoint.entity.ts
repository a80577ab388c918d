import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A case whose reporter a citizens merge re-pointed, with the id it had, so an unmerge can restore it. */
@Entity('citizen_case_repoint')
@Index('citizen_case_repoint_case_idx', ['caseId'])
export class CaseRepointEntity {
  @PrimaryColumn('uuid')
  mergeId: string;

  @PrimaryColumn('uuid')
  caseId: string;

  @Column('uuid')
  fromCitizenId: string;

  @Column('uuid')
  toCitizenId: string;
}
