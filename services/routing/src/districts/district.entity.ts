import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DistrictGeometry } from './district-geometry.js';

/**
 * A district (ward, borough, council district) and its boundary, as GeoJSON in jsonb: routing
 * places each located case in one (docs/districts.md, docs/adr/0024).
 */
@Entity('district')
export class DistrictEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** A GeoJSON Polygon or MultiPolygon, positions `[longitude, latitude]`. */
  @Column('jsonb')
  geometry: DistrictGeometry;

  /** Inactive districts are kept (cases routed into them still name them) but place no new case. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
