import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATE_FILE } from '../aws/dynamodb-template';
import { schemaProblems, typeProblems } from './kube-schema';
import { BACKEND_SERVICES, readsSetting } from './settings';
import { fromRoot, kubectl, readYaml, renderKustomization, type KubeObject } from './support';

// The Kubernetes manifests as `kubectl kustomize` renders each overlay, validated against the Kubernetes schemas
// (kube-schema.ts) and checked for what a platform engineer looks at before applying them. Needs a kubectl with
// kustomize v5; without one the rendering tests are skipped with a warning (deploy/README.md) and only the file
// checks run.

const K8S = fromRoot('deploy/k8s');
const OVERLAYS = ['dev', 'prod'] as const;
type Overlay = (typeof OVERLAYS)[number];

interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
  exec?: { command: string[] };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
}
interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}
interface Service extends KubeObject {
  spec: { selector: Record<string, string>; ports: { name?: string; port: number; targetPort?: string | number }[] };
}
interface Autoscaler extends KubeObject {
  spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number };
}
interface Selecting extends KubeObject {
  spec: { selector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels: Record<string, string> } };
}
interface IngressBackend {
  service: { name: string; port: { name?: string; number?: number } };
}
interface Ingress extends KubeObject {
  spec: { tls?: { hosts: string[] }[]; rules: { host?: string; http: { paths: { path: string; pathType: string; backend: IngressBackend }[] } }[] };
}

const available = kubectl() !== null;
if (!available) console.warn('deploy/test/k8s.test.ts: no kubectl with kustomize v5: the overlays are not rendered nor validated');
const describeRendered = available ? describe : describe.skip;

const rendered: Record<Overlay, KubeObject[]> = { dev: [], prod: [] };
if (available) for (const overlay of OVERLAYS) rendered[overlay] = renderKustomization(path.join(K8S, 'overlays', overlay));

const ofKind = <T extends KubeObject>(objects: KubeObject[], kind: string) => objects.filter((object): object is T => object.kind === kind);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
/** The Deployments of the platform itself (not the dev overlay's stand-ins for DynamoDB and Redis). */
const ownDeployments = (objects: KubeObject[]) =>
  ofKind<Deployment>(objects, 'Deployment').filter((deployment) =>
    ['backend', 'web'].includes(deployment.metadata.labels?.['app.kubernetes.io/component'] ?? ''),
  );
const documentedSecret = readYaml<{ metadata: { name: string }; stringData: Record<string, string> }>(path.join(K8S, 'trading-secrets.example.yaml'));

describeRendered.each(OVERLAYS)('the %s overlay', (overlay) => {
  const objects = () => rendered[overlay];
  const deployments = () => ofKind<Deployment>(objects(), 'Deployment');
  const backend = () => deployments().filter((deployment) => BACKEND_SERVICES.includes(deployment.metadata.name));
  const configMap = (name: string) =>
    ofKind<KubeObject & { data: Record<string, string> }>(objects(), 'ConfigMap').find((map) => map.metadata.name === name);

  it('renders the four backend Deployments and the web app', () => {
    expect(
      ownDeployments(objects())
        .map((deployment) => deployment.metadata.name)
        .sort(),
    ).toEqual(['inventory', 'orders', 'router', 'users', 'web']);
  });

  it('validates against the Kubernetes schemas (kubernetes-models)', async () => {
    const problems: string[] = [];
    for (const object of objects()) {
      for (const problem of await schemaProblems(object)) problems.push(`${object.kind}/${object.metadata.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no unknown or mistyped fields (TypeScript against the schemas)', () => {
    const labelled = objects().map((object) => ({ label: `${object.kind}/${object.metadata.name}`, object }));
    expect(typeProblems(labelled)).toEqual([]);
  }, 60_000);

  it('puts every object in the overlay namespace, and commits no Secret', () => {
    const namespace = readYaml<{ namespace: string }>(path.join(K8S, 'overlays', overlay, 'kustomization.yaml')).namespace;
    const namespaced = objects().filter((object) => object.kind !== 'Namespace');
    expect(namespaced.filter((object) => object.metadata.namespace !== namespace).map((object) => object.metadata.name)).toEqual([]);
    expect(ofKind(objects(), 'Namespace').map((object) => object.metadata.name)).toEqual([namespace]);
    expect(ofKind(objects(), 'Secret')).toEqual([]);
  });

  it('gives every container liveness and readiness probes, CPU and memory requests and a memory limit', () => {
    for (const deployment of deployments()) {
      for (const container of deployment.spec.template.spec.containers) {
        const where = `${deployment.metadata.name}/${container.name}`;
        expect([where, Boolean(container.livenessProbe), Boolean(container.readinessProbe)]).toEqual([where, true, true]);
        expect([where, container.resources?.requests?.cpu, container.resources?.requests?.memory, container.resources?.limits?.memory]).toEqual([
          where,
          expect.any(String),
          expect.any(String),
          expect.any(String),
        ]);
      }
    }
  });

  it('runs every pod as a non-root user without privileges', () => {
    for (const deployment of deployments()) {
      const pod = deployment.spec.template.spec;
      expect([deployment.metadata.name, pod.securityContext?.runAsNonRoot, pod.securityContext?.seccompProfile?.type]).toEqual([
        deployment.metadata.name,
        true,
        'RuntimeDefault',
      ]);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect([
          deployment.metadata.name,
          container.securityContext?.allowPrivilegeEscalation,
          container.securityContext?.capabilities?.drop,
        ]).toEqual([deployment.metadata.name, false, ['ALL']]);
      }
    }
    for (const deployment of ownDeployments(objects())) {
      for (const container of deployment.spec.template.spec.containers) expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    }
  });

  it('checks liveness on /health and readiness on /ready for the backend services', () => {
    for (const deployment of backend()) {
      const [container] = deployment.spec.template.spec.containers;
      expect([deployment.metadata.name, container?.livenessProbe?.httpGet?.path, container?.readinessProbe?.httpGet?.path]).toEqual([
        deployment.metadata.name,
        '/health',
        '/ready',
      ]);
    }
  });

  it('runs each backend entry through node --import tsx, on the port its probes, Service and PORT agree on', () => {
    const services = ofKind<Service>(objects(), 'Service');
    for (const deployment of backend()) {
      const [container] = deployment.spec.template.spec.containers;
      const entry = container?.command?.[3] ?? '';
      expect(container?.command?.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
      expect([entry, fs.existsSync(fromRoot(entry))]).toEqual([entry, true]);
      const port = container?.ports?.find((candidate) => candidate.name === 'http')?.containerPort;
      expect(container?.env?.find((variable) => variable.name === 'PORT')?.value).toBe(String(port));
      const service = services.find((candidate) => candidate.metadata.name === deployment.metadata.name);
      expect(service?.spec.ports[0]).toMatchObject({ port, targetPort: 'http' });
    }
  });

  it('sets only variables the services read: shared settings read by one of them, the rest by their own', () => {
    const shared = new Set(
      backend().flatMap((deployment) =>
        (deployment.spec.template.spec.containers[0]?.envFrom ?? []).map((source) => source.configMapRef?.name ?? ''),
      ),
    );
    for (const name of shared) {
      const unread = Object.keys(configMap(name)?.data ?? {}).filter(
        (variable) => !BACKEND_SERVICES.some((service) => readsSetting(service, variable)),
      );
      expect([name, unread]).toEqual([name, []]);
    }
    for (const deployment of backend()) {
      const variables = (deployment.spec.template.spec.containers[0]?.env ?? []).map((variable) => variable.name);
      const unread = variables.filter((variable) => !readsSetting(deployment.metadata.name, variable));
      expect([deployment.metadata.name, unread]).toEqual([deployment.metadata.name, []]);
    }
  });

  it('references only ConfigMaps that exist, and only Secret keys that trading-secrets.example.yaml documents', () => {
    for (const deployment of deployments()) {
      for (const container of deployment.spec.template.spec.containers) {
        for (const source of container.envFrom ?? []) {
          expect(source.secretRef).toBeUndefined();
          if (source.configMapRef) expect(configMap(source.configMapRef.name)).toBeDefined();
        }
        for (const variable of container.env ?? []) {
          const secret = variable.valueFrom?.secretKeyRef;
          if (secret) {
            expect(secret.name).toBe(documentedSecret.metadata.name);
            expect([variable.name, Object.keys(documentedSecret.stringData)]).toEqual([variable.name, expect.arrayContaining([secret.key])]);
          }
        }
      }
    }
  });

  it('gives the backend both secrets from the Secret', () => {
    for (const deployment of backend()) {
      const env = deployment.spec.template.spec.containers[0]?.env ?? [];
      for (const name of ['JWT_SECRET', 'INTERNAL_SECRET']) {
        expect(env.find((variable) => variable.name === name)?.valueFrom?.secretKeyRef).toEqual({ name: 'trading-secrets', key: name });
      }
    }
  });

  it('autoscales the router and orders at least, and leaves their replica count to the autoscaler', () => {
    const autoscalers = ofKind<Autoscaler>(objects(), 'HorizontalPodAutoscaler');
    const scaled = autoscalers.map((autoscaler) => autoscaler.spec.scaleTargetRef.name);
    expect(scaled).toEqual(expect.arrayContaining(['router', 'orders']));
    for (const autoscaler of autoscalers) {
      const target = deployments().find((deployment) => deployment.metadata.name === autoscaler.spec.scaleTargetRef.name);
      expect(autoscaler.spec.scaleTargetRef.kind).toBe('Deployment');
      expect(target?.spec.replicas).toBeUndefined();
      expect(autoscaler.spec.minReplicas).toBeLessThanOrEqual(autoscaler.spec.maxReplicas);
    }
  });

  it('covers every platform Deployment with a PodDisruptionBudget', () => {
    const budgets = ofKind<Selecting>(objects(), 'PodDisruptionBudget');
    for (const deployment of ownDeployments(objects())) {
      const covered = budgets.some((budget) => matches(budget.spec.selector?.matchLabels ?? {}, deployment.spec.template.metadata.labels));
      expect([deployment.metadata.name, covered]).toEqual([deployment.metadata.name, true]);
    }
  });

  it('selects existing pods from every Service, NetworkPolicy and PodDisruptionBudget', () => {
    const podLabels = deployments().map((deployment) => deployment.spec.template.metadata.labels);
    for (const service of ofKind<Service>(objects(), 'Service')) {
      expect([service.metadata.name, podLabels.some((labels) => matches(service.spec.selector, labels))]).toEqual([service.metadata.name, true]);
    }
    for (const object of [...ofKind<Selecting>(objects(), 'NetworkPolicy'), ...ofKind<Selecting>(objects(), 'PodDisruptionBudget')]) {
      const selector = object.spec.podSelector?.matchLabels ?? object.spec.selector?.matchLabels ?? {};
      expect([object.kind, object.metadata.name, podLabels.some((labels) => matches(selector, labels))]).toEqual([
        object.kind,
        object.metadata.name,
        true,
      ]);
    }
  });

  it('routes /graphql to the router and the rest to the web app, with socket-friendly timeouts', () => {
    const [ingress] = ofKind<Ingress>(objects(), 'Ingress');
    const paths = ingress?.spec.rules.flatMap((rule) => rule.http.paths) ?? [];
    expect(paths.map((route) => [route.path, route.backend.service.name])).toEqual([
      ['/graphql', 'router'],
      ['/', 'web'],
    ]);
    const services = ofKind<Service>(objects(), 'Service');
    for (const route of paths) {
      const service = services.find((candidate) => candidate.metadata.name === route.backend.service.name);
      expect(service?.spec.ports.some((port) => port.name === route.backend.service.port.name)).toBe(true);
    }
    expect(Number(ingress?.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(300);
    expect(Number(ingress?.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(300);
  });

  it('points DYNAMODB_ENDPOINT and REDIS_URL at Services of the overlay when it sets them', () => {
    const services = ofKind<Service>(objects(), 'Service');
    const data = ofKind<KubeObject & { data: Record<string, string> }>(objects(), 'ConfigMap').flatMap((map) => Object.entries(map.data));
    for (const [key, value] of data.filter(([key]) => key === 'DYNAMODB_ENDPOINT' || key === 'REDIS_URL')) {
      const url = new URL(value);
      const service = services.find((candidate) => candidate.metadata.name === url.hostname);
      expect([key, service?.spec.ports.some((port) => String(port.port) === url.port)]).toEqual([key, true]);
    }
  });
});

describeRendered('the dev overlay', () => {
  const objects = () => rendered.dev;

  it('runs DynamoDB Local and Redis in the namespace, and points the services at them', () => {
    const names = ofKind<Deployment>(objects(), 'Deployment').map((deployment) => deployment.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['dynamodb-local', 'redis']));
    const [config] = ofKind<KubeObject & { data: Record<string, string> }>(objects(), 'ConfigMap');
    expect(config?.data).toMatchObject({ DYNAMODB_ENDPOINT: 'http://dynamodb-local:8000', REDIS_URL: 'redis://redis:6379' });
  });
});

describeRendered('the prod overlay', () => {
  const objects = () => rendered.prod;
  const [config] = available ? ofKind<KubeObject & { data: Record<string, string> }>(rendered.prod, 'ConfigMap') : [];

  it('pins every image to a version (no :latest, no missing tag)', () => {
    for (const deployment of ofKind<Deployment>(objects(), 'Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        const tag = /:([^:/]+)$/.exec(container.image)?.[1];
        expect([container.image, tag !== undefined && tag !== 'latest']).toEqual([container.image, true]);
      }
    }
  });

  it('uses DynamoDB on AWS (no endpoint), with the table prefix of the CloudFormation template', () => {
    expect(config?.data.DYNAMODB_ENDPOINT).toBeUndefined();
    const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8')) as { Parameters: { TablePrefix: { Default: string } } };
    expect(config?.data.DYNAMODB_TABLE_PREFIX).toBe(template.Parameters.TablePrefix.Default);
  });

  it('takes the Redis URL from the Secret, and runs no Redis or DynamoDB of its own', () => {
    expect(config?.data.REDIS_URL).toBeUndefined();
    for (const deployment of ofKind<Deployment>(objects(), 'Deployment').filter((candidate) => BACKEND_SERVICES.includes(candidate.metadata.name))) {
      const redis = deployment.spec.template.spec.containers[0]?.env?.find((variable) => variable.name === 'REDIS_URL');
      expect(redis?.valueFrom?.secretKeyRef).toEqual({ name: 'trading-secrets', key: 'REDIS_URL' });
    }
    expect(ownDeployments(objects())).toHaveLength(ofKind(objects(), 'Deployment').length);
  });

  it('runs at least three routers and orders replicas, and two of everything else', () => {
    const autoscalers = ofKind<Autoscaler>(objects(), 'HorizontalPodAutoscaler');
    const minimum = (name: string) =>
      autoscalers.find((autoscaler) => autoscaler.spec.scaleTargetRef.name === name)?.spec.minReplicas ??
      ofKind<Deployment>(objects(), 'Deployment').find((deployment) => deployment.metadata.name === name)?.spec.replicas;
    expect(minimum('router')).toBeGreaterThanOrEqual(3);
    expect(minimum('orders')).toBeGreaterThanOrEqual(3);
    for (const name of ['users', 'inventory', 'web']) expect([name, (minimum(name) ?? 0) >= 2]).toEqual([name, true]);
  });

  it('serves the Ingress over TLS on a host', () => {
    const [ingress] = ofKind<Ingress>(objects(), 'Ingress');
    const host = ingress?.spec.rules[0]?.host;
    expect(host).toEqual(expect.any(String));
    expect(ingress?.spec.tls?.[0]?.hosts).toContain(host);
  });
});

describe('the kustomizations', () => {
  const kustomizations = ['base', 'overlays/dev', 'overlays/prod'];

  it.each(kustomizations)('%s references only files and folders that exist', (dir) => {
    const folder = path.join(K8S, dir);
    const kustomization = readYaml<{
      resources?: string[];
      patches?: { path?: string }[];
      configMapGenerator?: { files?: string[]; envs?: string[] }[];
    }>(path.join(folder, 'kustomization.yaml'));
    const referenced = [
      ...(kustomization.resources ?? []),
      ...(kustomization.patches ?? []).flatMap((patch) => (patch.path ? [patch.path] : [])),
      ...(kustomization.configMapGenerator ?? []).flatMap((generator) => [...(generator.files ?? []), ...(generator.envs ?? [])]),
    ];
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((file) => !fs.existsSync(path.join(folder, file)))).toEqual([]);
  });

  it('lists every manifest file of its folder (none left out by mistake)', () => {
    for (const dir of kustomizations) {
      const folder = path.join(K8S, dir);
      const kustomization = readYaml<{ resources?: string[]; patches?: { path?: string }[] }>(path.join(folder, 'kustomization.yaml'));
      const used = new Set([
        ...(kustomization.resources ?? []),
        ...(kustomization.patches ?? []).flatMap((patch) => (patch.path ? [patch.path] : [])),
      ]);
      const files = fs.readdirSync(folder).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
      expect([dir, files.filter((file) => !used.has(file))]).toEqual([dir, []]);
    }
  });

  it('documents a Secret with an empty value for every key (no secret is committed)', () => {
    expect(Object.values(documentedSecret.stringData).every((value) => value === '')).toBe(true);
    expect(Object.keys(documentedSecret.stringData)).toEqual(expect.arrayContaining(['JWT_SECRET', 'INTERNAL_SECRET', 'REDIS_URL']));
  });
});
