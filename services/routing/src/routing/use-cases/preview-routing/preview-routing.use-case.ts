import { Injectable } from '@nestjs/common';
import { Channel, type CaseOpenedV1, type Priority, type SlaClock } from '@civitas/contracts';
import { CatalogRepository } from '../../../catalog/index.js';
import { RuleBook, RuleCheck, UNSAVED_RULE_ID, type RuleStatement } from '../../../rules/index.js';
import { RoutingErrorCode, RoutingException } from '../../routing.exception.js';
import { RouteCaseUseCase } from '../route-case/route-case.use-case.js';

export interface PreviewRoutingCommand {
  serviceCode: string;
  description?: string | null;
  /** Omitted: WEB. */
  channel?: Channel | null;
  location?: { latitude?: number | null; longitude?: number | null } | null;
  attributes?: { code: string; values: string[] }[] | null;
  /** Omitted: now. */
  openedAt?: Date | null;
  /** Omitted: false. */
  emergency?: boolean | null;
  /** A rule to try before saving it: evaluated as if saved (in place of the rule of its id). */
  rule?:
    | (RuleStatement & { id?: string | null; position?: number | null; enabled?: boolean | null })
    | null;
}

export interface RoutingPreview {
  departmentCode: string;
  queueCode: string;
  priority: Priority;
  slaHours: number;
  slaClock: SlaClock;
  dueAt: Date;
  atRiskAt: Date;
  district: string | null;
  ruleId: string | null;
  ruleName: string | null;
}

/** Stands in for the ids a real case would have; a preview records nothing under them. */
const NO_CASE = '00000000-0000-0000-0000-000000000000';

/**
 * What routing would decide for a case opened at `openedAt` with these facts, by the same
 * `decide` that routes real cases (rules, districts, catalog, due time), writing nothing.
 */
@Injectable()
export class PreviewRoutingUseCase {
  constructor(
    private readonly routeCase: RouteCaseUseCase,
    private readonly catalog: CatalogRepository,
    private readonly ruleCheck: RuleCheck,
    private readonly ruleBook: RuleBook,
  ) {}

  async execute(command: PreviewRoutingCommand): Promise<RoutingPreview> {
    const [service] = await this.catalog.servicesByCodes([command.serviceCode]);
    if (!service) {
      // Intake refuses such a case; routing would send it to the fallback service.
      throw RoutingException.aboutField(
        RoutingErrorCode.UnknownService,
        'serviceCode',
        `names no service in the catalog ("${command.serviceCode}"; query services)`,
      );
    }
    const { latitude, longitude } = command.location ?? {};
    const location =
      typeof latitude === 'number' && typeof longitude === 'number'
        ? { latitude, longitude }
        : undefined;
    const opened: CaseOpenedV1 = {
      caseId: NO_CASE,
      ticketNumber: 'PREVIEW',
      submissionId: NO_CASE,
      serviceCode: service.code,
      channel: command.channel ?? Channel.WEB,
      reporterId: null,
      ...(command.description ? { description: command.description } : {}),
      ...(location ? { location } : {}),
      emergency: command.emergency ?? false,
      openedAt: (command.openedAt ?? new Date()).toISOString(),
      ...(command.attributes
        ? {
            attributes: Object.fromEntries(
              command.attributes.map((a) => [
                a.code,
                a.values.length === 1 ? a.values[0] : a.values,
              ]),
            ),
          }
        : {}),
    };
    // A rule not saved yet is checked as a save would check it, then takes its place among the rest.
    const ruleSet = command.rule
      ? await this.ruleBook.withUnsaved(
          { ...command.rule, ...(await this.ruleCheck.check(command.rule, 'rule.')) },
          'rule.',
        )
      : undefined;
    const [decision] = await this.routeCase.decide([opened], undefined, ruleSet);
    return {
      departmentCode: decision.departmentCode,
      queueCode: decision.queueCode,
      priority: decision.priority,
      slaHours: decision.targetHours,
      slaClock: decision.slaClock,
      dueAt: decision.dueAt,
      atRiskAt: decision.atRiskAt,
      district: decision.districtCode,
      ruleId: decision.ruleId === UNSAVED_RULE_ID ? null : decision.ruleId,
      ruleName: decision.ruleName,
    };
  }
}
