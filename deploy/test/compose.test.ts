import fs from 'node:fs';
import path from 'node:path';
import { readsSetting } from './settings';
import { fromRoot, isDockerignored, readYaml } from './support';

// docker-compose.yml read as data (`docker-compose config -q` in deploy/validate.sh checks it against Compose's own
// schema): what a platform engineer checks before running it.

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
}

const compose = readYaml<{ services: Record<string, ComposeService> }>(fromRoot('docker-compose.yml'));
const services = Object.entries(compose.services);
const BACKEND = { 'router-1': 4000, 'router-2': 4000, users: 4001, inventory: 4002, orders: 4003 } as const;

describe('docker-compose.yml', () => {
  it('runs Redis, DynamoDB Local, the three subgraphs, two routers and the web app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['dynamodb', 'inventory', 'orders', 'redis', 'router-1', 'router-2', 'users', 'web']);
    expect(compose.services.dynamodb?.image).toMatch(/^amazon\/dynamodb-local:\d/);
    expect(compose.services.redis?.image).toMatch(/^redis:\d/);
  });

  it.each(services)('%s has a health check', (_name, service) => {
    expect(service.healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(services)('%s waits for what it depends on to be healthy', (_name, service) => {
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect([dependency, condition]).toEqual([dependency, 'service_healthy']);
      expect(compose.services[dependency]).toBeDefined();
    }
  });

  it('starts each backend service after its dependencies, and the web app after both routers', () => {
    const dependencies = (name: string) => Object.keys(compose.services[name]?.depends_on ?? {}).sort();
    expect(dependencies('users')).toEqual(['dynamodb', 'redis']);
    expect(dependencies('inventory')).toEqual(['dynamodb', 'redis']);
    expect(dependencies('orders')).toEqual(['dynamodb', 'inventory', 'redis']);
    expect(dependencies('router-1')).toEqual(['inventory', 'orders', 'users']);
    expect(dependencies('router-2')).toEqual(['inventory', 'orders', 'users']);
    expect(dependencies('web')).toEqual(['router-1', 'router-2']);
  });

  it.each(Object.entries(BACKEND))('%s runs its entry through node --import tsx, checks its own port, and is production-configured', (name, port) => {
    const service = compose.services[name]!;
    const entry = service.command?.[3] ?? '';
    expect(service.command?.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    expect(fs.existsSync(fromRoot(entry))).toBe(true);
    expect(service.environment?.PORT).toBe(String(port));
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/`);
    expect(service.environment?.NODE_ENV).toBe('production');
    expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(service.environment?.DYNAMODB_ENDPOINT).toBe('http://dynamodb:8000');
  });

  it.each(Object.keys(BACKEND))('%s is given only settings it reads (a misspelt variable would be ignored silently)', (name) => {
    const service = name.replace(/-\d+$/, '');
    const unread = Object.keys(compose.services[name]?.environment ?? {}).filter((variable) => !readsSetting(service, variable));
    expect(unread).toEqual([]);
  });

  it('takes the secrets from the environment, failing with a message when they are missing', () => {
    const text = fs.readFileSync(fromRoot('docker-compose.yml'), 'utf8');
    expect(text).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]+\}/);
    expect(text).toMatch(/INTERNAL_SECRET: \$\{INTERNAL_SECRET:\?[^}]+\}/);
    for (const [name] of Object.entries(BACKEND)) {
      expect(compose.services[name]?.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(compose.services[name]?.environment?.INTERNAL_SECRET).toMatch(/^\$\{INTERNAL_SECRET:\?/);
    }
  });

  it('points the routers at the subgraphs by service name, and orders at inventory', () => {
    for (const name of ['router-1', 'router-2']) {
      const environment = compose.services[name]?.environment;
      expect(environment).toMatchObject({
        SUBGRAPH_URL_USERS: 'http://users:4001/graphql',
        SUBGRAPH_URL_INVENTORY: 'http://inventory:4002/graphql',
        SUBGRAPH_URL_ORDERS: 'http://orders:4003/graphql',
        TRUST_PROXY: '1',
      });
    }
    expect(compose.services.orders?.environment?.INVENTORY_URL).toBe('http://inventory:4002/graphql');
  });

  it('publishes only the web app', () => {
    const published = services.filter(([, service]) => service.ports?.length).map(([name]) => name);
    expect(published).toEqual(['web']);
  });

  it('builds from contexts and Dockerfiles that exist', () => {
    const builds = services.flatMap(([, service]) => (service.build ? [service.build] : []));
    expect(builds.length).toBeGreaterThan(0);
    for (const build of builds) {
      expect(fs.statSync(fromRoot(build.context)).isDirectory()).toBe(true);
      expect(fs.existsSync(path.join(fromRoot(build.context), build.dockerfile ?? 'Dockerfile'))).toBe(true);
    }
  });

  it('mounts only files that exist', () => {
    const binds = services.flatMap(([, service]) => (service.volumes ?? []).filter((volume) => volume.startsWith('.')));
    expect(binds.length).toBeGreaterThan(0);
    for (const bind of binds) expect(fs.existsSync(fromRoot(bind.split(':')[0]!))).toBe(true);
  });
});

describe('the load balancer (deploy/nginx/load-balancer.conf)', () => {
  const config = fs.readFileSync(fromRoot('deploy/nginx/load-balancer.conf'), 'utf8');
  const graphql = /location = \/graphql \{([\s\S]*?)\n {4}\}/.exec(config)?.[1] ?? '';

  it('balances over both routers', () => {
    expect(config).toMatch(/server router-1:4000\b/);
    expect(config).toMatch(/server router-2:4000\b/);
  });

  it('passes WebSocket upgrades on /graphql and keeps quiet sockets open', () => {
    expect(graphql).toContain('proxy_http_version 1.1;');
    expect(graphql).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(graphql).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(config).toMatch(/map \$http_upgrade \$connection_upgrade/);
    const timeout = /proxy_read_timeout (\d+)([smh]);/.exec(graphql);
    const seconds = Number(timeout?.[1]) * { s: 1, m: 60, h: 3600 }[(timeout?.[2] ?? 's') as 's' | 'm' | 'h'];
    expect(seconds).toBeGreaterThanOrEqual(300);
  });

  it('routes nothing but /graphql to the routers (their /metrics and /health stay internal)', () => {
    expect(config.match(/proxy_pass/g)).toHaveLength(1);
  });

  it('includes files that the web image installs', () => {
    const dockerfile = fs.readFileSync(fromRoot('deploy/web.Dockerfile'), 'utf8');
    for (const [, included] of config.matchAll(/include \/etc\/nginx\/trading\/([\w.-]+);/g)) {
      expect(fs.existsSync(fromRoot('deploy/nginx', included!))).toBe(true);
      expect(isDockerignored(`deploy/nginx/${included}`)).toBe(false);
      expect(dockerfile).toContain(`deploy/nginx/${included}`);
    }
  });
});
