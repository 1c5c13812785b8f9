import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

// Shared by the benchmarks: the machine's description, percentiles, a process's CPU and memory, and the sections of
// docs/BENCHMARKS.md that each benchmark rewrites.

/** The commit, CPU, cores, memory and Node version, for the record next to the numbers. */
export function machine(): string {
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // Not a git checkout: leave it unknown.
  }
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `commit ${commit}, ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}`;
}

/** The value below which `q` (0 to 1) of a histogram's samples fall; the histogram counts samples by their index. */
export function percentile(histogram: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i += 1) total += histogram[i]!;
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    seen += histogram[i]!;
    if (seen >= rank) return i;
  }
  return histogram.length - 1;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** A process's CPU seconds so far (user + system) and resident memory, from /proc (Linux). */
export function processFigures(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
}

/**
 * Replaces the section `id` of a Markdown file (between `<!-- bench:id -->` and `<!-- /bench:id -->`) with
 * `content`, or appends it; the rest of the file is kept as written.
 */
export function writeSection(file: string, id: string, content: string): void {
  const open = `<!-- bench:${id} -->`;
  const close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${content.trim()}\n${close}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

let lastProgress = 0;

/** A progress line: rewritten in place on a terminal, else printed at most every 5 seconds. */
export function progress(line: string): void {
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${line.padEnd(process.stdout.columns ? Math.min(process.stdout.columns - 1, 120) : 100)}`);
    return;
  }
  if (Date.now() - lastProgress < 5000) return;
  lastProgress = Date.now();
  process.stdout.write(`${line}\n`);
}
