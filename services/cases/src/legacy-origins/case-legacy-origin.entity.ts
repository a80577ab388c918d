import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/** Where an imported case came from: the legacy system's id, agency and category, as exported. */
@Entity('case_legacy_origin')
@Unique('case_legacy_origin_source', ['sourceSystem', 'sourceId'])
export class CaseLegacyOriginEntity {
  @PrimaryColumn('uuid')
  // By table name: origins sit below the cases feature, which records them (docs/adr/0033).
  @ForeignKey('service_case', 'id', { name: 'case_legacy_origin_case_id_fkey' })
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
