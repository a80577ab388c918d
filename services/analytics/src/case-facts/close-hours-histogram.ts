/**
 * The histogram of hours to close kept in each rollup row (docs/adr/0064): counts of the closures
 * with a known time whose hours to close fall in each bucket. Bucket 0 holds [0, FIRST_BUCKET_HOURS)
 * (and the rare closure recorded before its opening); buckets 1 to 62 are geometric, each
 * `BUCKET_RATIO` times as wide as the one before, up to LAST_BUCKET_HOURS (five years); bucket 63
 * holds everything longer. Counts add and subtract, so a histogram is kept like every other figure
 * (the facts' old contribution out, the new one in) and histograms of many rows merge by summing.
 */
export const CLOSE_HOURS_BUCKETS = 64;
export const FIRST_BUCKET_HOURS = 0.05;
export const LAST_BUCKET_HOURS = 43_800;
const GEOMETRIC_BUCKETS = CLOSE_HOURS_BUCKETS - 2;
export const BUCKET_RATIO = (LAST_BUCKET_HOURS / FIRST_BUCKET_HOURS) ** (1 / GEOMETRIC_BUCKETS);

/** The column of bucket `i` in a rollup: `h00` to `h63`. */
export function histogramColumn(i: number): string {
  return `h${String(i).padStart(2, '0')}`;
}

export const HISTOGRAM_COLUMNS: readonly string[] = Array.from(
  { length: CLOSE_HOURS_BUCKETS },
  (_, i) => histogramColumn(i),
);

/** SQL: the bucket of `hours` (an SQL expression in hours; null stays null). */
export function closeHoursBucketSql(hours: string): string {
  return `CASE WHEN ${hours} < ${FIRST_BUCKET_HOURS} THEN 0
    WHEN ${hours} >= ${LAST_BUCKET_HOURS} THEN ${CLOSE_HOURS_BUCKETS - 1}
    ELSE least(${GEOMETRIC_BUCKETS}, 1 + floor(ln(${hours} / ${FIRST_BUCKET_HOURS}) / ${Math.log(BUCKET_RATIO)})::int) END`;
}

/** The hours bucket `i` starts at, and where it ends (the last one ends where it starts). */
function boundsOf(i: number): [number, number] {
  if (i === 0) {
    return [0, FIRST_BUCKET_HOURS];
  }
  if (i === CLOSE_HOURS_BUCKETS - 1) {
    return [LAST_BUCKET_HOURS, LAST_BUCKET_HOURS];
  }
  return [FIRST_BUCKET_HOURS * BUCKET_RATIO ** (i - 1), FIRST_BUCKET_HOURS * BUCKET_RATIO ** i];
}

/**
 * The `p` percentile (0 to 1) the way `percentile_cont` interpolates between the two closures
 * around rank p x (n - 1), each closure taken where it would sit if a bucket's closures were spread
 * evenly over it (geometrically in the geometric buckets). Null without closures. Off from the
 * exact figure by at most a bucket's width (25% of the value from 3 minutes to 5 years), in
 * practice a few percent; the reader uses the exact figure for small questions (docs/adr/0064).
 */
export function percentileFromHistogram(counts: readonly number[], p: number): number | null {
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0) {
    return null;
  }
  const at = p * (n - 1);
  const below = Math.floor(at);
  const lower = valueAtRank(counts, below);
  return below === at ? lower : lower + (at - below) * (valueAtRank(counts, below + 1) - lower);
}

function valueAtRank(counts: readonly number[], rank: number): number {
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    if (rank < before + counts[i]) {
      const [from, to] = boundsOf(i);
      const share = (rank - before + 0.5) / counts[i];
      return i === 0 ? from + share * (to - from) : from * (to / from) ** share;
    }
    before += counts[i];
  }
  return boundsOf(counts.length - 1)[0];
}
