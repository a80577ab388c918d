import { Injectable, Logger } from '@nestjs/common';
import {
  CaseRouted,
  HISTORY_BATCH_MAX,
  HistoryRouted,
  Priority,
  type CaseOpenedV1,
  type CaseRoutedV1,
} from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { ServiceLevels, type ServiceLevelCalendars } from '../../../calendars/index.js';
import { CatalogRepository, type ServiceEntity } from '../../../catalog/index.js';
import { DistrictDirectory } from '../../../districts/index.js';
import { SettleDeadlinesUseCase, SlaDeadlineRepository } from '../../../escalation/index.js';
import { RuleBook, type RuleMatch, type RuleSet } from '../../../rules/index.js';
import { CaseRoutingEntity } from '../../case-routing.entity.js';
import { CaseRoutingRepository } from '../../case-routing.repository.js';

const FALLBACK_SERVICE = 'general-inquiry';

/**
 * Decides which department and queue own a new case, its priority and due time, records the
 * decision and emits `case-routed`. The first enabled routing rule the case matches decides
 * (docs/adr/0055); without one, the catalog's default for the service; a possible emergency goes
 * to the department's priority queue. A case with coordinates is placed in the district holding
 * them (docs/districts.md). Imported history is routed the same way, a batch at a time
 * (`routeHistory`, docs/adr/0022).
 */
@Injectable()
export class RouteCaseUseCase {
  private readonly logger = new Logger(RouteCaseUseCase.name);

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly districts: DistrictDirectory,
    private readonly routings: CaseRoutingRepository,
    private readonly serviceLevels: ServiceLevels,
    private readonly ruleBook: RuleBook,
    private readonly deadlines: SlaDeadlineRepository,
    private readonly settle: SettleDeadlinesUseCase,
  ) {}

  async execute(opened: CaseOpenedV1, tx: Transaction): Promise<CaseRoutingEntity> {
    const existing = await this.routings.byCase(tx, opened.caseId);
    if (existing) {
      return existing;
    }
    const [decision] = await this.decide([opened], tx);
    await this.routings.record(tx, decision);
    // Imported history is never escalated: its due time was never a live target.
    if (!opened.legacy) {
      await this.deadlines.arm(tx, decision.caseId, decision);
      // A status change heard before this routing (put on hold, closed) applies to them now.
      await this.settle.deadlinesArmed(tx, decision.caseId);
    } else {
      await this.deadlines.forgetChangesAhead(tx, [decision.caseId]);
    }
    // Cases gives the case to someone by the queue's policy as it is now (docs/adr/0059).
    const queue = await this.catalog.queue(decision.queueCode, tx);
    await tx.emit(CaseRouted, {
      ...routedOf(decision, opened),
      ...(queue ? { assignment: queue.assignment } : {}),
    });
    this.logger.log({
      msg: 'case routed',
      caseId: decision.caseId,
      department: decision.departmentCode,
      priority: decision.priority,
      district: decision.districtCode,
      rule: decision.ruleName,
    });
    return decision;
  }

  /** Routes a batch of imported cases: one insert, and `history-routed` for those not routed before. */
  async routeHistory(cases: CaseOpenedV1[], tx: Transaction): Promise<void> {
    const decisions = await this.decide(cases, tx);
    const fresh = await this.routings.recordMany(tx, decisions);
    await this.deadlines.forgetChangesAhead(
      tx,
      decisions.map((d) => d.caseId),
    );
    const routed = decisions
      .map((decision, i) => ({ decision, opened: cases[i] }))
      .filter(({ decision }) => fresh.has(decision.caseId))
      .map(({ decision, opened }) => routedOf(decision, opened));
    if (routed.length > 0) {
      await tx.emitChunked(HistoryRouted, routed, (chunk) => ({ routed: chunk }), {
        maxItems: HISTORY_BATCH_MAX,
      });
    }
    this.logger.log({
      msg: 'imported cases routed',
      routed: routed.length,
      alreadyRouted: cases.length - routed.length,
    });
  }

  /**
   * One decision per case, from the catalog, the districts and the rules read once for all of
   * them. Writes nothing: `previewRouting` asks it too (without `tx`, and with `ruleSet` when it
   * previews a rule not saved yet), so a preview is decided by the very code that routes cases.
   */
  async decide(
    cases: CaseOpenedV1[],
    tx?: Transaction,
    ruleSet?: RuleSet,
  ): Promise<CaseRoutingEntity[]> {
    const codes = [...new Set([...cases.map((c) => c.serviceCode), FALLBACK_SERVICE])];
    const services = new Map(
      (await this.catalog.servicesByCodes(codes, tx)).map((s) => [s.code, s]),
    );
    const districts = await this.districts.locate(
      cases.map((c) => c.location),
      tx,
    );
    const levels = await this.serviceLevels.load(tx);
    const rules = ruleSet ?? (await this.ruleBook.current(tx));
    return cases.map((opened, i) => {
      const service = services.get(opened.serviceCode) ?? services.get(FALLBACK_SERVICE);
      if (!service) {
        throw new Error(`Neither ${opened.serviceCode} nor ${FALLBACK_SERVICE} is in the catalog`);
      }
      const rule = rules.firstMatch({
        serviceCode: service.code,
        districtCode: districts[i],
        channel: opened.channel,
        description: opened.description,
        emergency: opened.emergency,
        attributes: opened.attributes,
      });
      return decisionFor(opened, service, districts[i], rule, levels);
    });
  }
}

function decisionFor(
  opened: CaseOpenedV1,
  service: ServiceEntity,
  districtCode: string | null,
  rule: RuleMatch | null,
  levels: ServiceLevelCalendars,
): CaseRoutingEntity {
  // A rule picks the department, queue, priority and hours; an emergency keeps its priority (and
  // its cap, in serviceLevelTarget) whatever the rule says.
  const departmentCode = rule?.departmentCode ?? service.departmentCode;
  const priority = opened.emergency
    ? Priority.EMERGENCY
    : (rule?.priority ?? service.defaultPriority);
  const openedAt = new Date(opened.openedAt);
  // Due and at-risk times in the owning department's calendar (the rule's department when one
  // applies); a rule's hours count in the service's clock; an emergency is capped there.
  const target = levels.targetFor(departmentCode, {
    openedAt,
    hours: rule?.slaHours ?? service.targetHours,
    clock: service.slaClock,
    emergency: opened.emergency,
  });
  // Imported history was routed when it was opened; it carries its legacy origin on, so no
  // consumer treats its (long past) due time as live work to escalate.
  const routedAt = opened.legacy ? openedAt : new Date();
  return Object.assign(new CaseRoutingEntity(), {
    caseId: opened.caseId,
    ticketNumber: opened.ticketNumber,
    serviceCode: service.code,
    departmentCode,
    queueCode: rule?.queueCode ?? `${departmentCode}.${opened.emergency ? 'priority' : 'general'}`,
    priority,
    targetHours: target.hours,
    slaClock: target.clock,
    openedAt,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    routedAt,
    // For imported history too: cases keeps the district the legacy record named, if any.
    districtCode,
    ruleId: rule?.ruleId ?? null,
    ruleName: rule?.ruleName ?? null,
  });
}

function routedOf(decision: CaseRoutingEntity, opened: CaseOpenedV1): CaseRoutedV1 {
  return {
    caseId: decision.caseId,
    ticketNumber: decision.ticketNumber,
    serviceCode: decision.serviceCode,
    departmentCode: decision.departmentCode,
    queueCode: decision.queueCode,
    priority: decision.priority,
    dueAt: decision.dueAt.toISOString(),
    atRiskAt: decision.atRiskAt.toISOString(),
    slaClock: decision.slaClock,
    slaHours: decision.targetHours,
    routedAt: decision.routedAt.toISOString(),
    ...(decision.districtCode ? { districtCode: decision.districtCode } : {}),
    ...(decision.ruleName ? { ruleName: decision.ruleName } : {}),
    legacy: opened.legacy,
  };
}
