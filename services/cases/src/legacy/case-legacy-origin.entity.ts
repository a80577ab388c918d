import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { CaseEntity } from '../cases/case.entity.js';

/** Where an imported case came from: the legacy system's id, agency and category, as exported. */
@Entity('case_legacy_origin')
@Unique('case_legacy_origin_source', ['sourceSystem', 'sourceId'])
export class CaseLegacyOriginEntity {
  @PrimaryColumn('uuid')
  @ForeignKey(() => CaseEntity, 'id', { name: 'case_legacy_origin_case_id_fkey' })
  caseId: string;

  @Column('text')
  sourceSystem: string;

  @Column('text')
  sourceId: string;

  @Column('text')
  sourceStatus: string;

  @Column('text', { nullable: true })
  agency: string | null;

  @Column('text', { nullable: true })
  category: string | null;
}
