import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A redis-server of the test's own, on a port of its own, that the test may stop and start again. */
export interface TestRedis {
  port: number;
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Kills the server (SIGKILL, as a crash would) and resolves once it has exited; nothing is persisted. */
  stop(): Promise<void>;
  /** Starts a fresh, empty server on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** True while a server process is running. */
  running(): boolean;
}

/** A port that was free a moment ago (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns redis-server on `port` and resolves once it logs that it accepts connections; rejects with its output if it exits first. */
function spawnRedis(port: number): Promise<ChildProcess> {
  // No persistence: a restart is an empty server, as after losing the machine; bound to loopback only.
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} was not ready within 10 s:\n${output}`));
    }, 10_000);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on port ${port} exited (${code ?? signal}) before it was ready:\n${output}`));
    };
    child.once('exit', onExit);
    child.once('error', onExit);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

/** Starts a redis-server on a free port (a few tries, should another process take the port first). */
export async function startTestRedis(): Promise<TestRedis> {
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 1; !child; attempt += 1) {
    port = await freePort();
    try {
      child = await spawnRedis(port);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running,
    async stop() {
      if (!child || !running()) return;
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    async start() {
      if (running()) throw new Error(`redis-server is already running on port ${port}`);
      child = await spawnRedis(port);
    },
  };
}
