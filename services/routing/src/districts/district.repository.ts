import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DistrictEntity } from './district.entity.js';

@Injectable()
export class DistrictRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active districts in code order: the order in which a case's location is tried. */
  active(manager: EntityManager = this.dataSource.manager): Promise<DistrictEntity[]> {
    return manager
      .getRepository(DistrictEntity)
      .find({ where: { active: true }, order: { code: 'ASC' } });
  }

  district(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DistrictEntity | null> {
    return manager.getRepository(DistrictEntity).findOneBy({ code });
  }
}
