import { UNKNOWN, UNROUTED, type Rollup } from './rollup-keys.js';

const VALUES = [
  'received',
  'still_open',
  'closed',
  'reopened',
  'sla_met',
  'sla_missed',
  'hours_to_close_sum',
  'became_overdue',
  'overdue_ended',
  'satisfaction_sum',
  'satisfaction_responses',
];

/**
 * The statement adding the contribution of the facts matching `facts` (SQL over `case_fact`) to
 * one daily rollup, multiplied by `sign` (1 adds, -1 takes out), days in the zone `zone` (both
 * parameter placeholders such as `$2`). A case counts as received on its opening day, closed (with
 * its hours to close and whether it met its due time) on its closure day, reopened on each
 * reopening's day, overdue from its due day until its closure day, and its latest closure survey
 * score on the day it was answered. A duplicate, or a case not
 * opened yet, contributes nothing (docs/adr/0056). Used by `CaseFactRepository` for the facts an
 * event changes and by `rebuild-rollup` for all of them.
 */
export function rollupContributionSql(
  rollup: Rollup,
  facts: string,
  zone: string,
  sign: string,
): string {
  const keys = rollup.keys.join(', ');
  const positions = Array.from({ length: rollup.keys.length + 1 }, (_, i) => i + 1).join(', ');
  return `WITH f AS (
         SELECT COALESCE(department_code, '${UNROUTED}') AS department_code, service_code,
                COALESCE(district_code, '${UNKNOWN}') AS district_code,
                COALESCE(channel, '${UNKNOWN}') AS channel, COALESCE(priority, '${UNKNOWN}') AS priority,
                legacy_source IS NOT NULL AS history, opened_at, due_at, reopened_at,
                status = 'CLOSED' AS is_closed,
                CASE WHEN status = 'CLOSED' THEN closed_at END AS closed_at,
                satisfaction_score, satisfaction_at
         FROM case_fact
         WHERE (${facts}) AND opened_at IS NOT NULL AND NOT duplicate
       ), c AS (
         SELECT opened_at AS at, department_code, service_code, district_code, channel, priority, history,
                1 AS received, (NOT is_closed)::int AS still_open, 0 AS closed, 0 AS reopened,
                0 AS sla_met, 0 AS sla_missed, 0::float8 AS hours, 0 AS became_overdue, 0 AS overdue_ended,
                0 AS satisfaction_sum, 0 AS satisfaction_responses
         FROM f
         UNION ALL
         -- A closure without a known time (some legacy records) counts on the opening day.
         SELECT COALESCE(closed_at, opened_at), department_code, service_code, district_code, channel, priority, history,
                0, 0, 1, 0,
                (closed_at IS NOT NULL AND due_at IS NOT NULL AND closed_at <= due_at)::int,
                (closed_at IS NOT NULL AND due_at IS NOT NULL AND closed_at > due_at)::int,
                COALESCE(extract(epoch FROM closed_at - opened_at) / 3600, 0)::float8,
                0, (closed_at IS NOT NULL AND due_at IS NOT NULL AND closed_at > due_at)::int, 0, 0
         FROM f WHERE is_closed
         UNION ALL
         SELECT due_at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
         FROM f
         WHERE due_at IS NOT NULL AND (NOT is_closed OR (closed_at IS NOT NULL AND closed_at > due_at))
         UNION ALL
         SELECT r.at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0
         FROM f CROSS JOIN LATERAL unnest(f.reopened_at) AS r(at)
         UNION ALL
         SELECT satisfaction_at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 0, 0, 0, 0, 0, satisfaction_score, 1
         FROM f WHERE satisfaction_at IS NOT NULL
       )
       INSERT INTO ${rollup.table} AS d (day, ${keys}, ${VALUES.join(', ')})
       SELECT (at AT TIME ZONE ${zone})::date AS day, ${keys},
              ${VALUES.map((v) => `${sign}::int * sum(${v === 'hours_to_close_sum' ? 'hours' : v})`).join(', ')}
       FROM c
       GROUP BY ${positions}
       ORDER BY ${positions}
       ON CONFLICT (day, ${keys}) DO UPDATE SET
         ${VALUES.map((v) => `${v} = d.${v} + EXCLUDED.${v}`).join(',\n         ')}`;
}
