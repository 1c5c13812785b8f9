import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The entry files of the processes a deployment runs. */
export const ENTRY = {
  db: 'stack/src/db.ts',
  users: 'subgraphs/users/src/main.ts',
  inventory: 'subgraphs/inventory/src/main.ts',
  orders: 'subgraphs/orders/src/main.ts',
  router: 'router/src/main.ts',
} as const;

/** This process's NODE_ENV for a service it starts, `development` in its stead when it is jest's `test`. */
export function nodeEnvOfService(): string {
  const mine = process.env.NODE_ENV;
  return !mine || mine === 'test' ? 'development' : mine;
}

/** About how much of a service's output is kept (the latest), in characters. */
const OUTPUT_LIMIT = 1024 * 1024;

/** A service running in a Node process of its own. */
export interface ServiceProcess {
  /** The URL the service logged once ready. */
  url: string;
  child: ChildProcess;
  /** What the process printed so far (stdout and stderr), its last megabyte or so. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5000); resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one service (an entry of ENTRY) with `node --import tsx`, its environment on top of this process's, and
 * resolves once it logs `"url":"http…"` and `ready` on one line; rejects with its output if it exits first.
 */
export function startServiceProcess(entry: string, env: Record<string, string>, options: { nodeArgs?: string[] } = {}): Promise<ServiceProcess> {
  const file = path.join(REPO_ROOT, entry);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', file], {
    cwd: path.dirname(path.dirname(file)),
    // Jest sets NODE_ENV=test, which no deployment runs with and under which Apollo Server behaves differently (it
    // installs no SIGTERM handler): a service started here runs as an operator runs it, unless env says otherwise.
    env: { ...process.env, NODE_ENV: nodeEnvOfService(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its output, stdout and stderr as they came, the last megabyte or so: a chatty service (the router logs every
  // request) must neither fill the pipe nor cost the reader a copy per chunk.
  const chunks: string[] = [];
  let held = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    chunks.push(text);
    held += text.length;
    while (held > OUTPUT_LIMIT && chunks.length > 1) held -= chunks.shift()!.length;
  };
  const output = () => chunks.join('');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`${entry} exited (${code ?? signal}) before it was ready:\n${output()}`));
    child.once('exit', onExit);
    child.stderr!.on('data', keep);
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (ready) return;
      // Until it is ready the output is short: look for the ready line in all of it.
      const match = /"url":"(http:\/\/[^"]+)".*ready/.exec(output());
      if (!match?.[1]) return;
      ready = true;
      child.off('exit', onExit);
      resolve({ url: match[1], child, output, stop });
    });
  });
}
