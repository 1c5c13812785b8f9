import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/** The repository root (the build context of every Dockerfile and of docker-compose.yml). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A path relative to the repository root, made absolute. */
export const fromRoot = (...parts: string[]) => path.join(ROOT, ...parts);

/** A Kubernetes object as rendered: only the fields every object has are typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Reads one YAML document, resolving `<<` merge keys as Compose does. */
export function readYaml<T = unknown>(file: string): T {
  return parseYaml(fs.readFileSync(file, 'utf8'), { merge: true }) as T;
}

/** Parses a multi-document YAML stream (kubectl kustomize's output), failing on any YAML error. */
export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length) throw new Error(document.errors.map((error) => error.message).join('\n'));
    return document.toJS() as KubeObject;
  });
}

/**
 * The kubectl that can render kustomizations here, or null. Debian's own kubectl (1.20) embeds a kustomize too old
 * for these kustomizations, so only a kubectl with kustomize v5 counts.
 */
export function kubectl(): string | null {
  try {
    const version = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /Kustomize Version: v[5-9]/.test(version) ? 'kubectl' : null;
  } catch {
    return null;
  }
}

/** `kubectl kustomize <dir>`, parsed. */
export function renderKustomization(dir: string): KubeObject[] {
  const command = kubectl();
  if (!command) throw new Error('kubectl with kustomize v5 is not installed');
  return parseObjects(execFileSync(command, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));
}

/** The patterns of the root .dockerignore, in order. */
export function dockerignorePatterns(): string[] {
  return fs
    .readFileSync(fromRoot('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** A .dockerignore pattern as a regular expression: `**` spans folders, `*` and `?` stay within one, and a match on a folder covers what it holds. */
function patternExpression(pattern: string): RegExp {
  const cleaned = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  let expression = '';
  for (let i = 0; i < cleaned.length; i++) {
    const char = cleaned.charAt(i);
    if (char === '*' && cleaned.charAt(i + 1) === '*') {
      i++;
      if (cleaned.charAt(i + 1) === '/') {
        i++;
        expression += '(?:.*/)?';
      } else expression += '.*';
    } else if (char === '*') expression += '[^/]*';
    else if (char === '?') expression += '[^/]';
    else expression += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${expression}(?:/.*)?$`);
}

/** Whether Docker leaves a path (relative to the context) out of the build context: the last matching pattern decides. */
export function isDockerignored(file: string, patterns = dockerignorePatterns()): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (patternExpression(negated ? pattern.slice(1) : pattern).test(file)) ignored = !negated;
  }
  return ignored;
}

/** One instruction of a Dockerfile: its keyword (upper case), flags (`--from=deps`) and other arguments. */
export interface DockerInstruction {
  keyword: string;
  flags: Record<string, string>;
  args: string[];
  line: number;
}

/** The instructions of a Dockerfile, continuation lines joined, comments dropped (JSON-array arguments kept whole). */
export function dockerInstructions(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = index + 1;
    if (line.startsWith('#')) return;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const whole = `${pending}${line}`.trim();
    pending = '';
    const [keyword = '', ...rest] = whole.split(/\s+/);
    const flags: Record<string, string> = {};
    const args: string[] = [];
    for (const word of rest) {
      const flag = /^--([a-z-]+)(?:=(.*))?$/.exec(word);
      if (flag?.[1] && args.length === 0) flags[flag[1]] = flag[2] ?? 'true';
      else args.push(word);
    }
    instructions.push({ keyword: keyword.toUpperCase(), flags, args, line: start });
  });
  return instructions;
}
