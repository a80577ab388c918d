import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DistrictEntity } from './district.entity.js';

@Injectable()
export class DistrictRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Active districts in code order: the order in which a case's location is tried. */
  active(tx?: Transaction): Promise<DistrictEntity[]> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    return manager
      .getRepository(DistrictEntity)
      .find({ where: { active: true }, order: { code: 'ASC' } });
  }

  /** Every district in code order, active or not. */
  all(): Promise<DistrictEntity[]> {
    return this.dataSource.getRepository(DistrictEntity).find({ order: { code: 'ASC' } });
  }

  /** The districts with these codes, active or not. */
  byCodes(codes: readonly string[]): Promise<DistrictEntity[]> {
    return this.dataSource.getRepository(DistrictEntity).findBy({ code: In([...codes]) });
  }

  district(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DistrictEntity | null> {
    return manager.getRepository(DistrictEntity).findOneBy({ code });
  }
}
