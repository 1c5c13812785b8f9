import fs from 'node:fs';
import { validate } from 'dockerfile-utils';
import { dockerInstructions, fromRoot, isDockerignored, parseObjects } from './support';

// No Docker engine runs here, so the images are never built in CI: these tests check what can be checked without
// one. Each Dockerfile parses, is multi-stage, runs as a numeric non-root user, has a HEALTHCHECK, installs from the
// lockfile, and every file it copies from the context exists and is not left out by .dockerignore.

const DOCKERFILES = ['deploy/backend.Dockerfile', 'deploy/web.Dockerfile'];

describe.each(DOCKERFILES)('%s', (dockerfile) => {
  const text = fs.readFileSync(fromRoot(dockerfile), 'utf8');
  const instructions = dockerInstructions(text);
  const stages = instructions.filter((instruction) => instruction.keyword === 'FROM');
  const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]!));

  it('has no syntax problems (dockerfile-utils)', () => {
    const problems = validate(text).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`);
    expect(problems).toEqual([]);
  });

  it('is multi-stage, and the final stage copies from an earlier one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(finalStage.some((instruction) => instruction.keyword === 'COPY' && instruction.flags.from)).toBe(true);
  });

  it('runs the final stage as a numeric non-root user (Kubernetes can then verify runAsNonRoot)', () => {
    const users = finalStage.filter((instruction) => instruction.keyword === 'USER');
    expect(users).toHaveLength(1);
    const user = users[0]!.args[0] ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('declares a HEALTHCHECK in the final stage', () => {
    const healthchecks = finalStage.filter((instruction) => instruction.keyword === 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]!.args[0]).toBe('CMD');
  });

  it('copies every workspace manifest, so that npm ci accepts the lockfile', () => {
    const rootPackage = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { workspaces: string[] };
    const copied = instructions.filter((instruction) => instruction.keyword === 'COPY').flatMap((instruction) => instruction.args.slice(0, -1));
    for (const workspace of rootPackage.workspaces) expect(copied).toContain(`${workspace}/package.json`);
  });

  it('installs dependencies with npm ci, from the lockfile it copies', () => {
    const runs = instructions.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args.join(' '));
    expect(runs.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm (install|i)\b/.test(run))).toBe(false);
    const copies = instructions.filter((instruction) => instruction.keyword === 'COPY' && !instruction.flags.from);
    expect(copies.some((copy) => copy.args.includes('package-lock.json'))).toBe(true);
  });

  it('copies only files that exist and that .dockerignore keeps in the context', () => {
    const sources = instructions
      .filter((instruction) => (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.flags.from)
      .flatMap((instruction) => instruction.args.slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    const missing = sources.filter((source) => !fs.existsSync(fromRoot(source)));
    const ignored = sources.filter((source) => isDockerignored(source));
    expect({ missing, ignored }).toEqual({ missing: [], ignored: [] });
  });
});

describe('the backend image', () => {
  const instructions = dockerInstructions(fs.readFileSync(fromRoot('deploy/backend.Dockerfile'), 'utf8'));

  it('installs production dependencies only, tsx among them (the services run through its loader)', () => {
    const install = instructions.find((instruction) => instruction.keyword === 'RUN' && instruction.args.join(' ').includes('npm ci'));
    expect(install?.args).toContain('--omit=dev');
    const rootPackage = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(rootPackage.dependencies?.tsx).toBeDefined();
  });

  it('starts the router by default, through node --import tsx', () => {
    const command = instructions.filter((instruction) => instruction.keyword === 'CMD').pop();
    expect(JSON.parse(command!.args.join(' '))).toEqual(['node', '--import', 'tsx', 'router/src/main.ts']);
  });
});

describe('the web image', () => {
  const text = fs.readFileSync(fromRoot('deploy/web.Dockerfile'), 'utf8');
  const instructions = dockerInstructions(text);

  it('listens where both nginx configurations listen, and leaves source maps out', () => {
    const exposed = instructions.filter((instruction) => instruction.keyword === 'EXPOSE').flatMap((instruction) => instruction.args);
    expect(exposed).toEqual(['8080']);
    for (const config of ['web.conf', 'load-balancer.conf']) {
      expect(fs.readFileSync(fromRoot('deploy/nginx', config), 'utf8')).toMatch(/listen 8080;/);
    }
    expect(text).toMatch(/find web\/dist -name '\*\.map' -delete/);
  });
});

describe('the Kubernetes pods', () => {
  const imageUser = (dockerfile: string) =>
    Number(
      dockerInstructions(fs.readFileSync(fromRoot(dockerfile), 'utf8'))
        .filter((instruction) => instruction.keyword === 'USER')
        .pop()
        ?.args[0]?.split(':')[0],
    );
  const podUser = (manifest: string) => {
    const [deployment] = parseObjects(fs.readFileSync(fromRoot('deploy/k8s/base', manifest), 'utf8'));
    return (deployment as unknown as { spec: { template: { spec: { securityContext: { runAsUser: number } } } } }).spec.template.spec.securityContext
      .runAsUser;
  };

  it.each(['router.yaml', 'users.yaml', 'inventory.yaml', 'orders.yaml'])('%s runs as the backend image user', (manifest) => {
    expect(podUser(manifest)).toBe(imageUser('deploy/backend.Dockerfile'));
  });

  it('web.yaml runs as the web image user', () => {
    expect(podUser('web.yaml')).toBe(imageUser('deploy/web.Dockerfile'));
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, dependencies and local data out of the build context', () => {
    for (const file of [
      '.env',
      '.env.production',
      'node_modules/x',
      'web/node_modules/x',
      '.data/jwt-secret',
      'subgraphs/users/test/a.test.ts',
      '.git/HEAD',
    ]) {
      expect([file, isDockerignored(file)]).toEqual([file, true]);
    }
    for (const file of ['package.json', 'router/src/main.ts', 'web/src/main.tsx', 'deploy/nginx/web.conf']) {
      expect([file, isDockerignored(file)]).toEqual([file, false]);
    }
  });
});
