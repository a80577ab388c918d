import { Injectable, Logger } from '@nestjs/common';
import { CaseRouted, Priority, type CaseOpenedV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CatalogRepository } from '../../../catalog/catalog.repository.js';
import { CaseRoutingEntity } from '../../case-routing.entity.js';

const FALLBACK_SERVICE = 'general-inquiry';
/** A possible emergency is answered within this many hours whatever the service's target. */
const EMERGENCY_TARGET_HOURS = 4;

/**
 * Decides which department and queue own a new case, its priority and due time, records the
 * decision and emits `case-routed`. Today the rule is the catalog's default for the service;
 * a possible emergency goes to the department's priority queue.
 */
@Injectable()
export class RouteCaseUseCase {
  private readonly logger = new Logger(RouteCaseUseCase.name);

  constructor(private readonly catalog: CatalogRepository) {}

  async execute(opened: CaseOpenedV1, tx: Transaction): Promise<CaseRoutingEntity> {
    const existing = await tx.manager.findOneBy(CaseRoutingEntity, { caseId: opened.caseId });
    if (existing) {
      return existing;
    }
    const service =
      (await this.catalog.service(opened.serviceCode, tx.manager)) ??
      (await this.catalog.service(FALLBACK_SERVICE, tx.manager));
    if (!service) {
      throw new Error(`Neither ${opened.serviceCode} nor ${FALLBACK_SERVICE} is in the catalog`);
    }
    const priority = opened.emergency ? Priority.EMERGENCY : service.defaultPriority;
    const targetHours = opened.emergency
      ? Math.min(service.targetHours, EMERGENCY_TARGET_HOURS)
      : service.targetHours;
    const openedAt = new Date(opened.openedAt);
    // Imported history was routed when it was opened; it carries its legacy origin on, so no
    // consumer treats its (long past) due time as live work to escalate.
    const routedAt = opened.legacy ? openedAt : new Date();
    const decision = tx.manager.create(CaseRoutingEntity, {
      caseId: opened.caseId,
      ticketNumber: opened.ticketNumber,
      serviceCode: service.code,
      departmentCode: service.departmentCode,
      queueCode: `${service.departmentCode}.${opened.emergency ? 'priority' : 'general'}`,
      priority,
      targetHours,
      openedAt,
      dueAt: new Date(openedAt.getTime() + targetHours * 3_600_000),
      routedAt,
    });
    await tx.manager.insert(CaseRoutingEntity, decision);
    await tx.emit(CaseRouted, {
      caseId: decision.caseId,
      ticketNumber: decision.ticketNumber,
      serviceCode: decision.serviceCode,
      departmentCode: decision.departmentCode,
      queueCode: decision.queueCode,
      priority: decision.priority,
      dueAt: decision.dueAt.toISOString(),
      routedAt: routedAt.toISOString(),
      legacy: opened.legacy,
    });
    this.logger.log({
      msg: 'case routed',
      caseId: decision.caseId,
      department: decision.departmentCode,
      priority,
    });
    return decision;
  }
}
