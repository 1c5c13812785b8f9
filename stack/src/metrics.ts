/**
 * The samples of a Prometheus text exposition (a service's /metrics), by `name` or `name{labels}` as written, e.g.
 * `router_subscriptions` or `orders_placed_total{type="MARKET",side="BUY"}`. Comments and blank lines are skipped.
 */
export function prometheusSamples(text: string): Record<string, number> {
  const samples: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples[match[1]!] = Number(match[2]);
  }
  return samples;
}

/** GETs a service's /metrics (the URL given) and returns its samples (see prometheusSamples). */
export async function readMetrics(url: string): Promise<Record<string, number>> {
  return prometheusSamples(await (await fetch(url)).text());
}
