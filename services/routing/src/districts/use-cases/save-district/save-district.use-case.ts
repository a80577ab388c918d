import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { readDistrictGeometry } from '../../district-geometry.js';
import { DistrictDirectory } from '../../district-directory.js';
import { DistrictEntity } from '../../district.entity.js';
import { DistrictErrorCode, DistrictException } from '../../district.exception.js';
import { DistrictRepository } from '../../district.repository.js';

export interface SaveDistrictCommand {
  code: string;
  name: string;
  /** GeoJSON text: a Polygon or MultiPolygon. */
  geometry: string;
  /** Omitted: true for a new district, unchanged for an existing one. */
  active?: boolean;
}

/**
 * Administrators add a district or replace one (its name and boundary) by code. Cases routed
 * before keep the district they were given; those routed after are placed by the new boundary.
 */
@Injectable()
export class SaveDistrictUseCase {
  private readonly logger = new Logger(SaveDistrictUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictRepository,
    private readonly directory: DistrictDirectory,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: SaveDistrictCommand): Promise<DistrictEntity> {
    const reading = readDistrictGeometry(command.geometry, 'geometry');
    if (reading.geometry === null) {
      throw new DistrictException(
        DistrictErrorCode.InvalidInput,
        `The boundary of district "${command.code}" is not valid: ${reading.problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
        reading.problems,
      );
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const before = await this.districts.district(command.code, m);
      await m.query(
        `INSERT INTO district (code, name, geometry, active) VALUES ($1, $2, $3::jsonb, coalesce($4, true))
         ON CONFLICT (code) DO UPDATE SET
           name = excluded.name,
           geometry = excluded.geometry,
           active = coalesce($4, district.active),
           updated_at = now()`,
        [
          command.code,
          command.name.trim(),
          JSON.stringify(reading.geometry),
          command.active ?? null,
        ],
      );
      const after = (await this.districts.district(command.code, m))!;
      // A boundary is long: the log keeps its first characters and its length.
      await this.adminChanges.record(m, {
        kind: 'DISTRICT',
        entityId: after.code,
        action: before ? 'UPDATED' : 'CREATED',
        changes: fieldChanges(before, after, { fields: ['name', 'geometry', 'active'] }),
      });
      return after;
    });
    this.adminChanges.committed();
    this.directory.invalidate();
    this.logger.log({ msg: 'district saved', code: saved.code, active: saved.active });
    return saved;
  }
}
