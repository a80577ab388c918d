// Case facts seeded straight into analytics' database, as its consumers would have left them: a
// year of cases (2025) with a skewed mix of 150 services in 15 departments, 59 districts, six
// channels, four priorities, 85% closed with skewed times to close, 3% reopened, 2% duplicates,
// 10% imported history, 90% with a location (a third of those in 20 clusters), 4% private, and
// 40% with a published description holding a separator and quotes. Seeded by bench/analytics
// (the figures) and bench/opendata (which reads the privacy and descriptions too).
import { log } from './harness.mjs';

/** N case facts in one statement per million, as the consumers would have left them. */
export async function seedCaseFacts(client, CASES) {
  await client.query(`CREATE TEMP TABLE bench_service AS
    SELECT i, 'svc-' || lpad(i::text, 3, '0') AS code, 'dept-' || lpad((i % 15)::text, 2, '0') AS dept,
           (ARRAY[4, 24, 72, 168, 720])[1 + i % 5] AS target_hours
    FROM generate_series(0, 149) i`);
  await client.query(`CREATE TEMP TABLE bench_cluster AS
    SELECT i, 40.55 + 0.3 * random() AS lat, -74.2 + 0.4 * random() AS lon FROM generate_series(0, 19) i`);
  const chunk = 1_000_000;
  for (let from = 0; from < CASES; from += chunk) {
    const to = Math.min(CASES, from + chunk) - 1;
    const started = Date.now();
    await client.query(
      `WITH r AS (
         SELECT g, random() AS r_service, random() AS r_channel, random() AS r_priority, random() AS r_day,
                random() AS r_hour, random() AS r_close, random() AS r_time, random() AS r_where,
                random() AS r_lat, random() AS r_lon, random() AS r_district, random() AS r_cluster
         FROM generate_series($1::int, $2::int) g
       ), c AS (
         SELECT r.*, s.code, s.dept, s.target_hours,
                timestamptz '2025-01-01 05:00+00' + floor(r_day * 365) * interval '1 day'
                  + CASE WHEN r_hour < 0.7 THEN (8 + 10 * r_hour / 0.7) ELSE 24 * (r_hour - 0.7) / 0.3 END * interval '1 hour'
                  AS opened,
                CASE WHEN r_where < 0.3 THEN k.lat + 0.01 * (r_lat - 0.5) ELSE 40.55 + 0.3 * r_lat END AS lat,
                CASE WHEN r_where < 0.3 THEN k.lon + 0.01 * (r_lon - 0.5) ELSE -74.2 + 0.4 * r_lon END AS lon
         FROM r
         JOIN bench_service s ON s.i = floor(150 * r.r_service * r.r_service)::int
         JOIN bench_cluster k ON k.i = floor(20 * r.r_cluster)::int
       ), f AS (
         SELECT c.*, opened + (-ln(1 - r_time * 0.999) * target_hours * 0.8) * interval '1 hour' AS closed,
                floor(lat * 111320 / 100) AS cell_row
         FROM c
       )
       INSERT INTO case_fact (case_id, ticket_number, service_code, channel, department_code, priority,
         opened_at, routed_at, due_at, status, closed_at, status_changed_at, legacy_source, district_code,
         cell_latitude, cell_longitude, reopened_at, duplicate, private, public_description)
       SELECT gen_random_uuid(), 'BENCH-' || g, code,
              CASE WHEN r_channel < 0.45 THEN 'PHONE' WHEN r_channel < 0.7 THEN 'WEB' WHEN r_channel < 0.85 THEN 'MOBILE'
                   WHEN r_channel < 0.93 THEN 'OPEN311' WHEN r_channel < 0.98 THEN 'EMAIL' ELSE 'WALK_IN' END,
              dept,
              CASE WHEN r_priority < 0.02 THEN 'EMERGENCY' WHEN r_priority < 0.17 THEN 'HIGH'
                   WHEN r_priority < 0.97 THEN 'NORMAL' ELSE 'LOW' END,
              opened, opened, opened + target_hours * interval '1 hour',
              CASE WHEN r_close < 0.85 THEN 'CLOSED' ELSE 'OPEN' END,
              CASE WHEN r_close < 0.85 THEN closed END,
              CASE WHEN r_close < 0.85 THEN closed END,
              CASE WHEN g % 10 = 0 THEN 'nyc311' END,
              CASE WHEN r_where < 0.97 THEN 'D' || lpad(floor(59 * r_district)::text, 2, '0') END,
              CASE WHEN r_where < 0.9 THEN round(((cell_row + 0.5) * 100 / 111320)::numeric, 6)::float8 END,
              CASE WHEN r_where < 0.9 THEN round(((floor(lon * 111320 * cos(radians((cell_row + 0.5) * 100 / 111320)) / 100) + 0.5)
                     * 100 / (111320 * cos(radians((cell_row + 0.5) * 100 / 111320))))::numeric, 6)::float8 END,
              CASE WHEN r_close < 0.85 AND g % 33 = 1 THEN ARRAY[opened + (closed - opened) / 2] ELSE '{}' END,
              g % 50 = 7,
              g % 25 = 3,
              CASE WHEN r_hour < 0.4 THEN 'Reported by phone, "urgent": ' || code || ' near the corner, for about ' || (g % 30) || ' days' END
       FROM f
       -- Events arrive about in the order cases open, so facts are stored about in that order.
       ORDER BY opened`,
      [from, to],
    );
    log(`seeded ${to + 1} of ${CASES} cases (${Date.now() - started} ms)`);
  }
}
