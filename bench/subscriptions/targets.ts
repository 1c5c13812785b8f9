import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readMetrics } from '@trading/stack/metrics';
import type { ServiceProcess } from '@trading/stack/processes';
import type { BareCommand, BareMessage } from './bare-server';

/** The two servers the clients are measured against, one after the other. */
export type TargetName = 'router' | 'bare';
export const TARGET_NAMES: readonly TargetName[] = ['router', 'bare'];

/** What a target reports about itself at one moment. */
export interface TargetFigures {
  /** Client subscriptions it holds. */
  subscriptions: number;
  /** `next` messages written so far, and events dropped for slow clients. */
  sent: number;
  dropped: number;
  /** Upstream subscriptions it holds (the router: one, shared by every client). */
  upstreams: number;
  heapUsedMb: number;
  heapTotalMb: number;
}

/** A server the clients connect to, its process, and its own figures. */
export interface Target {
  name: TargetName;
  /** The graphql-ws URL. */
  url: string;
  pid: number;
  figures(): Promise<TargetFigures>;
}

/** The router process, its figures from its /metrics. */
export function routerTarget(router: ServiceProcess): Target {
  const metricsUrl = router.url.replace(/\/graphql$/, '/metrics');
  return {
    name: 'router',
    url: router.url.replace(/^http/, 'ws'),
    pid: router.child.pid!,
    figures: async () => {
      const metrics = await readMetrics(metricsUrl);
      return {
        subscriptions: metrics.router_subscriptions ?? 0,
        sent: metrics.router_subscription_events_total ?? 0,
        dropped: metrics.router_subscription_events_dropped_total ?? 0,
        upstreams: metrics.router_upstream_subscriptions ?? 0,
        heapUsedMb: (metrics.nodejs_heap_size_used_bytes ?? 0) / 2 ** 20,
        heapTotalMb: (metrics.nodejs_heap_size_total_bytes ?? 0) / 2 ** 20,
      };
    },
  };
}

/**
 * Starts the bare server (bare-server.ts) in a process of its own, subscribed to `sourceUrl` (the inventory's
 * graphql-ws endpoint) with `query`; resolves once it listens.
 */
export async function startBareServer(source: Omit<Extract<BareCommand, { type: 'start' }>, 'type'>): Promise<Target & { stop(): Promise<void> }> {
  const child: ChildProcess = fork(path.join(__dirname, 'bare-server.ts'), [], { execArgv: ['--import', 'tsx'] });
  const waiting: ((message: BareMessage) => void)[] = [];
  let failure: string | undefined;
  child.on('message', (message: BareMessage) => {
    if (message.type === 'failed') failure ??= message.message;
    else waiting.shift()?.(message);
  });
  const ask = <T extends BareMessage>(command: BareCommand) =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(new Error(failure));
      if (!child.connected) return reject(new Error('the bare server exited'));
      waiting.push((message) => resolve(message as T));
      child.send(command);
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { url } = await ask<Extract<BareMessage, { type: 'listening' }>>({ type: 'start', ...source });
  return {
    name: 'bare',
    url,
    pid: child.pid!,
    figures: async () => {
      const stats = await ask<Extract<BareMessage, { type: 'stats' }>>({ type: 'stats' });
      return {
        subscriptions: stats.subscriptions,
        sent: stats.sent,
        dropped: 0,
        upstreams: 1,
        heapUsedMb: stats.heapUsedMb,
        heapTotalMb: stats.heapTotalMb,
      };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
