import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('department')
export class DepartmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
