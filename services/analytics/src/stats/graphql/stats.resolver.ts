import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { StatsDimension, StatsInterval } from '../stats-filter.js';
import { ReadStatsUseCase } from '../use-cases/read-stats/read-stats.use-case.js';
import { StatsFilterInput } from './stats-filter.input.js';
import {
  BacklogPointObject,
  CaseStatsRowObject,
  DemandCellObject,
  HotSpotObject,
} from './stats.objects.js';

const filterArg = { name: 'filter', type: () => StatsFilterInput, nullable: true } as const;
const intervalArg = { name: 'interval', type: () => StatsInterval, nullable: true } as const;

/** Figures for managers: aggregates only, never a person (docs/adr/0056). */
@Resolver()
export class StatsResolver {
  constructor(private readonly stats: ReadStatsUseCase) {}

  @Roles(Role.Analyst, Role.Admin, Role.Supervisor)
  @Query(() => [CaseStatsRowObject], {
    description:
      'Case figures, one row per group (and period). Supervisors: their departments only.',
  })
  async caseStats(
    @CurrentIdentity() actor: Identity,
    @Args(filterArg) filter: StatsFilterInput | null,
    @Args('groupBy', { type: () => [StatsDimension], nullable: true })
    groupBy: StatsDimension[] | null,
    @Args(intervalArg) interval: StatsInterval | null,
  ): Promise<CaseStatsRowObject[]> {
    return this.stats.caseStats({ filter, groupBy, interval, actor });
  }

  @Roles(Role.Analyst, Role.Admin, Role.Supervisor)
  @Query(() => [BacklogPointObject], {
    description:
      'Open and overdue cases at the end of each period (without an interval: at the end of `to`, default today).',
  })
  backlog(
    @CurrentIdentity() actor: Identity,
    @Args(filterArg) filter: StatsFilterInput | null,
    @Args(intervalArg) interval: StatsInterval | null,
  ): Promise<BacklogPointObject[]> {
    return this.stats.backlog({ filter, interval, actor });
  }

  @Roles(Role.Analyst, Role.Admin, Role.Supervisor)
  @Query(() => [DemandCellObject], {
    description:
      "Cases received by day of the week (0 = Sunday) and hour, in the jurisdiction's time zone: 7 x 24 cells.",
  })
  demandByHour(
    @CurrentIdentity() actor: Identity,
    @Args(filterArg) filter: StatsFilterInput | null,
  ): Promise<DemandCellObject[]> {
    return this.stats.demandByHour({ filter, actor });
  }

  @Roles(Role.Analyst, Role.Admin, Role.Supervisor)
  @Query(() => [HotSpotObject], {
    description: 'The grid cells with the most cases received, busiest first.',
  })
  hotSpots(
    @CurrentIdentity() actor: Identity,
    @Args(filterArg) filter: StatsFilterInput | null,
    @Args('cellMeters', { type: () => Int, defaultValue: 250 }) cellMeters: number,
    @Args('top', { type: () => Int, defaultValue: 20 }) top: number,
  ): Promise<HotSpotObject[]> {
    return this.stats.hotSpots({ filter, cellMeters, top, actor });
  }
}
