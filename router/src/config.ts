import path from 'node:path';
import { commonConfigShape, ConfigError, loadConfig, portSetting, z } from '@trading/platform';

/** The router's settings (environment variables), validated at start. */
export const routerConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4000. */
  PORT: portSetting(4000),
  HOST: z.string().default('0.0.0.0'),
  /** The composed supergraph to serve; default the committed schema/supergraph.graphql. */
  SUPERGRAPH_FILE: z.string().default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
};

export type RouterConfig = ReturnType<typeof loadRouterConfig> & {
  /** Subgraph URLs by subgraph name, overriding those in the supergraph (`SUBGRAPH_URL_<NAME>`). */
  subgraphUrls: Record<string, string>;
};

/**
 * Reads and validates the router's configuration. `SUBGRAPH_URL_USERS=http://...` (any subgraph name, upper case)
 * overrides that subgraph's URL from the supergraph, so one supergraph file serves every environment.
 */
export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(routerConfigShape, env);
  const subgraphUrls: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (!match?.[1] || !value) continue;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
      problems.push(`${key}: must be an http(s) URL (got ${JSON.stringify(value)})`);
    else subgraphUrls[match[1].toLowerCase()] = value;
  }
  if (problems.length) throw new ConfigError(problems);
  return { ...config, subgraphUrls };
}
