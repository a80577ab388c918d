import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key an API client (an Open311 app, a partner system) presents. Only the SHA-256 of the key is
 * kept: the key itself is shown once, when it is created.
 */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Hex SHA-256 of the whole key. */
  @Column('text', { unique: true })
  keyHash: string;

  /** The key's first characters, so an admin can tell keys apart without the key. */
  @Column('text')
  prefix: string;

  /** Subject of the admin who created it. */
  @Column('text', { nullable: true })
  createdBy: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
