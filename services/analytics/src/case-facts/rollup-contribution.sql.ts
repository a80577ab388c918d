import { closeHoursBucketSql, HISTOGRAM_COLUMNS } from './close-hours-histogram.js';
import { UNKNOWN, UNROUTED, type Rollup } from './rollup-keys.js';

/** The figures of every rollup row (the histogram's buckets come after them where kept). */
export const ROLLUP_VALUES: readonly string[] = [
  'received',
  'still_open',
  'still_open_due',
  'closed',
  'reopened',
  'sla_met',
  'sla_missed',
  'hours_to_close_sum',
  'became_overdue',
  'overdue_ended',
  'satisfaction_sum',
  'satisfaction_responses',
  'escalated',
];

/**
 * The statement adding the contribution of the facts matching `facts` (SQL over `case_fact`) to
 * one rollup (daily or monthly) or to several at once, multiplied by `sign` (1 adds, -1 takes out),
 * days in the zone `zone` (both parameter placeholders such as `$2`, or literals). Used by
 * `rebuild-rollup` for all the facts; see `rollupChangeSql` for what counts where.
 */
export function rollupContributionSql(
  rollups: Rollup | readonly Rollup[],
  facts: string,
  zone: string,
  sign: string,
): string {
  return rollupChangeSql(
    rollups,
    `SELECT case_fact.*, ${sign}::int AS sign FROM case_fact WHERE ${facts}`,
    zone,
  );
}

/**
 * The statement adding to one rollup (daily or monthly) or to several at once the contribution of
 * `facts`: SQL yielding rows of `case_fact`'s columns and a `sign` (1 adds, -1 takes out), days in
 * the zone `zone` (a placeholder such as `$2`). A case counts as received on its opening day, closed (with
 * its hours to close, their bucket in the histogram, and whether it met its due time) on its
 * closure day, reopened on each reopening's day, overdue from its due day until its closure day, and its latest closure survey
 * score on the day it was answered, and escalated on the day routing escalated it (docs/adr/0084).
 * A case whose clock is paused on hold is neither overdue nor
 * late, and met its target if closed while held; resumed, it is judged on its moved due time
 * (docs/adr/0080). A duplicate, or a case not
 * opened yet, contributes nothing (docs/adr/0056). `CaseFactRepository` gives the facts an event
 * changes twice, as they were (-1) and as they are (1), so a row whose figures do not change (most
 * status changes) is not written at all; each rollup is written in its key order, in the order of
 * `rollups`, so two transactions never deadlock on them.
 */
export function rollupChangeSql(
  rollups: Rollup | readonly Rollup[],
  facts: string,
  zone: string,
): string {
  const list: readonly Rollup[] = Array.isArray(rollups) ? rollups : [rollups as Rollup];
  const ctes = contributionsSql(facts);
  if (list.length === 1) {
    return `WITH ${ctes}
       ${insertSql(list[0], zone)}`;
  }
  // One statement for many rollups: the facts' contributions are computed once, and each rollup
  // is written by its own statement in the WITH, in the order of `rollups`.
  return `WITH ${ctes},
       ${list.map((r, i) => `w${i} AS (${insertSql(r, zone)} RETURNING 1)`).join(',\n       ')}
       SELECT 1`;
}

/**
 * The facts whose ids are `ids` (a uuid[] placeholder) as they were, `before` (a placeholder of a
 * jsonb array of their rows as `to_jsonb` gives them), taken out (-1), and as they are now, added
 * (1): for `rollupChangeSql` and `openingRollupSql` after a write to them.
 */
export function changedFactsSql(ids: string, before: string): string {
  return `SELECT b.*, -1 AS sign FROM jsonb_populate_recordset(NULL::case_fact, ${before}::jsonb) b
       UNION ALL
       SELECT case_fact.*, 1 AS sign FROM case_fact WHERE case_id = ANY(${ids})`;
}

/** The facts of `facts` (f) and what each adds to which day (c), with their sign. */
function contributionsSql(facts: string): string {
  return `f AS (
         SELECT COALESCE(department_code, '${UNROUTED}') AS department_code, service_code,
                COALESCE(district_code, '${UNKNOWN}') AS district_code,
                COALESCE(channel, '${UNKNOWN}') AS channel, COALESCE(priority, '${UNKNOWN}') AS priority,
                legacy_source IS NOT NULL AS history, opened_at, due_at, reopened_at,
                status = 'CLOSED' AS is_closed, sla_held_since IS NOT NULL AS held,
                CASE WHEN status = 'CLOSED' THEN closed_at END AS closed_at,
                satisfaction_score, satisfaction_at, escalated_at, sign
         FROM (${facts}) AS facts
         WHERE opened_at IS NOT NULL AND NOT duplicate
       ), c AS (
         SELECT opened_at AS at, department_code, service_code, district_code, channel, priority, history,
                1 AS received, (NOT is_closed)::int AS still_open,
                (NOT is_closed AND due_at IS NOT NULL AND NOT held)::int AS still_open_due, 0 AS closed, 0 AS reopened,
                0 AS sla_met, 0 AS sla_missed, 0::float8 AS hours, 0 AS became_overdue, 0 AS overdue_ended,
                0 AS satisfaction_sum, 0 AS satisfaction_responses, 0 AS escalated, NULL::int AS bucket, sign
         FROM f
         UNION ALL
         -- A closure without a known time (some legacy records) counts on the opening day.
         SELECT COALESCE(closed_at, opened_at), department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 1, 0,
                -- Closed while its clock was paused on hold, a case met its target (ADR 0068, 0080).
                (closed_at IS NOT NULL AND (held OR (due_at IS NOT NULL AND closed_at <= due_at)))::int,
                (closed_at IS NOT NULL AND due_at IS NOT NULL AND NOT held AND closed_at > due_at)::int,
                COALESCE(extract(epoch FROM closed_at - opened_at) / 3600, 0)::float8,
                0, (closed_at IS NOT NULL AND due_at IS NOT NULL AND NOT held AND closed_at > due_at)::int, 0, 0, 0,
                ${closeHoursBucketSql('(extract(epoch FROM closed_at - opened_at) / 3600)')}, sign
         FROM f WHERE is_closed
         UNION ALL
         SELECT due_at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, NULL, sign
         FROM f
         -- A held case is not overdue: its clock stopped before its due time (ADR 0068, 0080).
         WHERE due_at IS NOT NULL AND NOT held
           AND (NOT is_closed OR (closed_at IS NOT NULL AND closed_at > due_at))
         UNION ALL
         SELECT r.at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, NULL, sign
         FROM f CROSS JOIN LATERAL unnest(f.reopened_at) AS r(at)
         UNION ALL
         SELECT satisfaction_at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, satisfaction_score, 1, 0, NULL, sign
         FROM f WHERE satisfaction_at IS NOT NULL
         UNION ALL
         SELECT escalated_at, department_code, service_code, district_code, channel, priority, history,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, NULL, sign
         FROM f WHERE escalated_at IS NOT NULL
       )`;
}

/**
 * Adds the contributions `c` to one rollup, in key order; a row whose figures the signs cancel is
 * not written.
 */
function insertSql(rollup: Rollup, zone: string): string {
  const keys = rollup.keys.join(', ');
  const values = [...ROLLUP_VALUES, ...(rollup.histogram ? HISTOGRAM_COLUMNS : [])];
  const sumOf = (v: string) => {
    const bucket = HISTOGRAM_COLUMNS.indexOf(v);
    if (bucket >= 0) {
      return `COALESCE(sum(sign) FILTER (WHERE bucket = ${bucket}), 0)`;
    }
    return `sum(${v === 'hours_to_close_sum' ? 'hours' : v} * sign)`;
  };
  const day =
    rollup.grain === 'month'
      ? `date_trunc('month', at AT TIME ZONE ${zone})::date`
      : `(at AT TIME ZONE ${zone})::date`;
  const positions = Array.from({ length: rollup.keys.length + 1 }, (_, i) => i + 1).join(', ');
  // A bucket of the histogram changes only with the closures' count or their hours to close.
  return `INSERT INTO ${rollup.table} AS d (day, ${keys}, ${values.join(', ')})
       SELECT ${day} AS day, ${keys},
              ${values.map((v) => sumOf(v)).join(', ')}
       FROM c
       GROUP BY ${positions}
       HAVING ${ROLLUP_VALUES.map((v) => `${sumOf(v)} <> 0`).join(' OR ')}
       ORDER BY ${positions}
       ON CONFLICT (day, ${keys}) DO UPDATE SET
         ${values.map((v) => `${v} = d.${v} + EXCLUDED.${v}`).join(',\n         ')}`;
}
