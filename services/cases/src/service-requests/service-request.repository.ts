import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@civitas/contracts';
import { Brackets, DataSource } from 'typeorm';
import { CaseEntity, CaseReadScope } from '../cases/index.js';
import { TimelineEntryEntity, type TimelineKind, Visibility } from '../timeline/index.js';

export interface ServiceRequestQuery {
  ticketNumbers?: string[];
  serviceCodes?: string[];
  statuses?: CaseStatus[];
  openedFrom?: Date;
  openedTo?: Date;
  boundingBox?: { north: number; east: number; south: number; west: number };
  page: number;
  pageSize: number;
}

export interface UpdateQuery {
  ticketNumbers?: string[];
  from?: Date;
  to?: Date;
  /** From 1; pages of `limit` entries in the order below. */
  page?: number;
  limit: number;
}

export interface PublicUpdate {
  entry: TimelineEntryEntity;
  ticketNumber: string;
}

/** These lists are public whoever asks: staff find a private case by its ticket or reporter. */
const PUBLIC = CaseReadScope.PUBLIC;

/**
 * The public face of cases (Open311 and other open readers): never a private case, never an
 * internal timeline entry, never who reported it.
 */

@Injectable()
export class ServiceRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: ServiceRequestQuery): Promise<CaseEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(CaseEntity, 'c').where(PUBLIC.sql('c'));
    if (query.ticketNumbers) {
      qb.andWhere('c.ticket_number IN (:...tickets)', { tickets: query.ticketNumbers });
    }
    if (query.serviceCodes) {
      qb.andWhere('c.service_code IN (:...codes)', { codes: query.serviceCodes });
    }
    if (query.statuses) {
      qb.andWhere('c.status IN (:...statuses)', { statuses: query.statuses });
    }
    if (query.openedFrom) {
      qb.andWhere('c.opened_at >= :from', { from: query.openedFrom });
    }
    if (query.openedTo) {
      qb.andWhere('c.opened_at <= :to', { to: query.openedTo });
    }
    const box = query.boundingBox;
    if (box) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('c.latitude BETWEEN :south AND :north', { south: box.south, north: box.north })
            .andWhere('c.longitude BETWEEN :west AND :east', { west: box.west, east: box.east }),
        ),
      );
    }
    return qb
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getMany();
  }

  async attributesOf(
    caseId: string,
    scope: CaseReadScope,
  ): Promise<Record<string, string | string[]> | null> {
    const found = await this.dataSource.manager.findOne(CaseEntity, {
      where: { id: caseId, ...scope.where() },
      select: { id: true, attributes: true },
    });
    return found?.attributes ?? null;
  }

  async publicUpdates(query: UpdateQuery): Promise<PublicUpdate[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from(TimelineEntryEntity, 't')
      .innerJoin(CaseEntity, 'c', 'c.id = t.case_id')
      .select('t.id', 'id')
      .addSelect('t.case_id', 'case_id')
      .addSelect('t.at', 'at')
      .addSelect('t.kind', 'kind')
      .addSelect('t.visibility', 'visibility')
      .addSelect('t.summary', 'summary')
      .addSelect('t.case_status', 'case_status')
      .addSelect('c.ticket_number', 'ticket_number')
      .where(PUBLIC.sql('c'))
      .andWhere('t.visibility = :visibility', { visibility: Visibility.Public });
    if (query.ticketNumbers) {
      qb.andWhere('c.ticket_number IN (:...tickets)', { tickets: query.ticketNumbers });
    }
    if (query.from) {
      qb.andWhere('t.at >= :from', { from: query.from });
    }
    if (query.to) {
      qb.andWhere('t.at <= :to', { to: query.to });
    }
    // (at, id) is a total order, so pages over entries with equal times neither skip nor repeat
    // one (docs/adr/0036).
    const rows = await qb
      .orderBy('t.at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .offset(((query.page ?? 1) - 1) * query.limit)
      .limit(query.limit)
      .getRawMany<{
        id: string;
        case_id: string;
        at: Date;
        kind: TimelineKind;
        visibility: Visibility;
        summary: string;
        case_status: CaseStatus;
        ticket_number: string;
      }>();
    return rows.map((row) => ({
      entry: Object.assign(new TimelineEntryEntity(), {
        id: row.id,
        caseId: row.case_id,
        at: new Date(row.at),
        kind: row.kind,
        visibility: row.visibility,
        summary: row.summary,
        caseStatus: row.case_status,
      }),
      ticketNumber: row.ticket_number,
    }));
  }
}
