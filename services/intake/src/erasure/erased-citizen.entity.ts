import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A resident citizens erased: their submissions keep no personal data, also ones attributed later. */
@Entity('erased_citizen')
export class ErasedCitizenEntity {
  @PrimaryColumn('uuid')
  citizenId: string;

  @Column('timestamptz')
  erasedAt: Date;
}
