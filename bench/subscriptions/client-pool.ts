import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientsCommand, ClientsMessage, ClientsReport } from './clients';
import type { SubscriptionName } from './operations';

/** One client process, its sockets open, and who waits for its next answer. */
interface Child {
  child: ChildProcess;
  open: number;
  waiting: { resolve: (message: ClientsMessage) => void; reject: (error: Error) => void }[];
}

/**
 * The benchmark's client processes (clients.ts), the same ones for every target: each connects its share of the
 * clients to one target at a time, counts what arrives, reports, and disconnects before the next target.
 */
export class ClientPool {
  private readonly children: Child[] = [];
  /** The first thing that went wrong in a client process, if anything did. */
  failure: string | undefined;

  constructor(processes: number) {
    for (let i = 0; i < processes; i += 1) {
      const child = fork(path.join(__dirname, 'clients.ts'), [], { execArgv: ['--import', 'tsx'] });
      const entry: Child = { child, open: 0, waiting: [] };
      child.on('message', (message: ClientsMessage) => {
        if (message.type === 'progress') entry.open = message.open;
        else if (message.type === 'failed') this.failure ??= `client process ${i} failed: ${message.message}`;
        else entry.waiting.shift()?.resolve(message);
      });
      child.once('exit', (code) => {
        this.failure ??= `client process ${i} exited (${code})`;
        for (const { reject } of entry.waiting.splice(0)) reject(new Error(this.failure));
      });
      this.children.push(entry);
    }
  }

  /** The client processes' ids. */
  pids(): number[] {
    return this.children.map(({ child }) => child.pid!);
  }

  /** Sockets open now, in all client processes. */
  open(): number {
    return this.children.reduce((sum, entry) => sum + entry.open, 0);
  }

  /** Connects `clients` graphql-ws clients to `url`, shared out between the processes, each subscribing once. */
  start(url: string, clients: number, subscription: SubscriptionName, variables: Record<string, unknown>): void {
    const n = this.children.length;
    this.children.forEach((entry, i) => {
      entry.open = 0;
      const count = Math.floor(clients / n) + (i < clients % n ? 1 : 0);
      this.send(entry.child, { type: 'start', url, clients: count, subscription, variables, concurrency: 50 });
    });
  }

  /** The measured window, in change instants (ms since the epoch). */
  window(from: number, to: number): void {
    for (const { child } of this.children) this.send(child, { type: 'window', from, to });
  }

  report(): Promise<ClientsReport[]> {
    return Promise.all(this.children.map((entry) => this.ask<ClientsReport>(entry, { type: 'report' })));
  }

  /** Closes every client; resolves once all are closed. */
  async disconnect(): Promise<void> {
    await Promise.all(this.children.map((entry) => this.ask(entry, { type: 'disconnect' })));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            this.send(child, { type: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }

  private send(child: ChildProcess, command: ClientsCommand): void {
    if (child.connected) child.send(command);
  }

  private ask<T extends ClientsMessage>(entry: Child, command: ClientsCommand): Promise<T> {
    return new Promise((resolve, reject) => {
      entry.waiting.push({ resolve: (message) => resolve(message as T), reject });
      this.send(entry.child, command);
    });
  }
}
