import { HistoryOpened, HistoryRouted, type CaseOpenedV1 } from '@civitas/contracts';
import {
  aCaseRouted,
  aHistoryOpened,
  aHistoryRouted,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import type { AnalyticsConfig } from '../config/analytics.config.js';

/*
 * What analytics' integration specs share: publishing imported history, waiting until every event
 * is folded into the facts and the rollups, and the percentile a spreadsheet computes. Test code
 * only: `services/analytics/tsconfig.json` leaves this folder out of the build.
 */

type Analytics = ServiceHarness<AnalyticsConfig>;

/** Percentile as a spreadsheet's PERCENTILE.INC computes it, written here apart from the service. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
}

/** A case from a legacy system: its imported opening and where the import routed it. */
export interface ImportedCase {
  opened: CaseOpenedV1;
  department: string;
  district?: string;
  /** The due time routing gave it; far in the future unless the spec cares. */
  dueAt?: string;
}

/** Publishes imported cases as the importer does: one batch of openings, one of routings. */
export async function publishHistory(analytics: Analytics, cases: ImportedCase[]): Promise<void> {
  await analytics.publish(
    HistoryOpened,
    aHistoryOpened()
      .of(...cases.map((c) => c.opened))
      .build(),
  );
  await analytics.publish(
    HistoryRouted,
    aHistoryRouted()
      .of(
        ...cases.map((c) => {
          const routed = aCaseRouted()
            .forCase(c.opened)
            .toDepartment(c.department)
            .due(c.dueAt ?? '2099-01-01T00:00:00.000Z')
            .routedAt(c.opened.openedAt)
            .imported(c.opened.legacy!);
          return c.district ? routed.inDistrict(c.district) : routed;
        }),
      )
      .build(),
  );
}

export interface Folded {
  /** Cases that must be opened and routed in the facts. */
  caseIds: string[];
  /** How many status changes the spec published (rows of `status_transition`), when it counts them. */
  statusChanges?: number;
  /** Events a consumer must have taken (rows of its inbox), by consumer name. */
  taken?: Record<string, number>;
  timeoutMs?: number;
}

/**
 * Waits until every case is opened and routed in the facts, every status change and every other
 * event named is taken, and nothing waits to be folded into the rollups (docs/adr/0087).
 */
export async function untilFolded(
  analytics: Analytics,
  { caseIds, statusChanges, taken = {}, timeoutMs }: Folded,
): Promise<void> {
  const consumers = Object.keys(taken);
  await waitFor(
    async () => {
      const [row] = await analytics.database.rows(
        `SELECT count(*) FILTER (WHERE opened_at IS NOT NULL AND routed_at IS NOT NULL)::int AS ready,
                (SELECT count(*)::int FROM status_transition) AS changes,
                (SELECT count(*)::int FROM rollup_pending) AS pending,
                (SELECT coalesce(json_object_agg(consumer, n), '{}') FROM (
                   SELECT consumer, count(*)::int AS n FROM inbox
                   WHERE consumer = ANY($2) GROUP BY consumer) taken) AS taken
         FROM case_fact WHERE case_id = ANY($1)`,
        [caseIds, consumers],
      );
      const inbox = row.taken as Record<string, number>;
      return (
        row.ready === caseIds.length &&
        (statusChanges === undefined || row.changes === statusChanges) &&
        row.pending === 0 &&
        consumers.every((consumer) => (inbox[consumer] ?? 0) === taken[consumer])
      );
    },
    { what: 'every event to be folded into the facts and the rollups', timeoutMs },
  );
}
