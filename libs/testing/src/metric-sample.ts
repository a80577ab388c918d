/**
 * The value of one sample in a Prometheus scrape: the first series of `name` whose labels include
 * every one of `labels`; undefined when there is none (so a missing metric never reads as 0).
 */
export function metricSample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (
      match?.[1] === name &&
      Object.entries(labels).every(([k, v]) => match[2]?.includes(`${k}="${v}"`))
    ) {
      return Number(match[3]);
    }
  }
  return undefined;
}
