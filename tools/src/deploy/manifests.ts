import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as apiV1 from 'kubernetes-models/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';

/**
 * The Kubernetes manifests in deploy/ read as kustomize assembles them, validated against the
 * Kubernetes API schemas (kubernetes-models, generated from the API's OpenAPI document), and
 * checked for what no schema knows: probes on the real health paths, resources, an HPA per
 * Deployment, and which pods the NetworkPolicies let reach which (docs/adr/0073). No cluster runs
 * here, so this is what CI can check.
 */

/** A Kubernetes object as parsed from YAML. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  /** Checked by the schema first, then read loosely. */
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  /** Where it came from, for messages. */
  source: string;
}

export interface Kustomization {
  namespace: string;
  resources: string[];
  images: { name: string }[];
}

export interface DeployManifests {
  kustomization: Kustomization;
  /** What `kubectl apply -k` applies, namespaced as kustomize does. */
  objects: K8sObject[];
  /** Files in the directory that kustomize does not apply (the Secret template). */
  unapplied: K8sObject[];
}

/** The apps and their ports: each a Deployment, a Service and an HPA. */
export const DEPLOYED_APPS = ['intake', 'cases', 'citizens', 'routing', 'analytics', 'gateway'];
export const SUBGRAPHS = DEPLOYED_APPS.filter((name) => name !== 'gateway');

type ModelClass = (new (data: unknown) => { validate(): void }) & {
  apiVersion?: string;
  kind?: string;
};

const MODELS = new Map<string, ModelClass>();
for (const group of [apiV1, appsV1, autoscalingV2, batchV1, networkingV1, policyV1]) {
  for (const model of Object.values(group) as ModelClass[]) {
    if (typeof model === 'function' && model.apiVersion && model.kind) {
      MODELS.set(`${model.apiVersion} ${model.kind}`, model);
    }
  }
}

function readYamlObjects(dir: string, file: string): K8sObject[] {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new Error(`${file}: listed in kustomization.yaml but missing`);
  }
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  return docs.flatMap((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`${file} (document ${index + 1}): ${doc.errors[0].message}`);
    }
    const value = doc.toJS() as K8sObject | null;
    return value ? [{ ...value, source: `${file} ${value.kind}/${value.metadata?.name}` }] : [];
  });
}

/** Reads deploy/ as kustomize would (its resource list and namespace). */
export function loadDeployManifests(dir: string): DeployManifests {
  const kustomization = readYamlObjects(dir, 'kustomization.yaml')[0] as unknown as Kustomization;
  const objects = kustomization.resources.flatMap((file) =>
    readYamlObjects(dir, file).map((object) =>
      object.kind === 'Namespace'
        ? object
        : { ...object, metadata: { ...object.metadata, namespace: kustomization.namespace } },
    ),
  );
  const unapplied = existsSync(join(dir, 'secret.example.yaml'))
    ? readYamlObjects(dir, 'secret.example.yaml')
    : [];
  return { kustomization, objects, unapplied };
}

/** Schema errors of one object against the Kubernetes API (kubernetes-models), or none. */
export function schemaErrors(object: K8sObject): string[] {
  const Model = MODELS.get(`${object.apiVersion} ${object.kind}`);
  if (!Model) {
    return [
      `${object.source}: ${object.apiVersion} ${object.kind} is not a known Kubernetes API type`,
    ];
  }
  const { source: _source, ...data } = object;
  try {
    new Model(data).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    return errors
      ? errors.map((e) => `${object.source}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
      : [`${object.source}: ${(error as Error).message}`];
  }
}

/** The paths the apps really serve their probes on, read from the controllers' routes. */
export function healthPaths(rootDir: string): Record<'service' | 'gateway', HealthPaths> {
  return {
    service: routesOf(join(rootDir, 'libs/service-kit/src/health.controller.ts')),
    gateway: routesOf(join(rootDir, 'gateway/src/health/health.controller.ts')),
  };
}

export interface HealthPaths {
  live: string;
  ready: string;
}

function routesOf(file: string): HealthPaths {
  const source = readFileSync(file, 'utf8');
  const routes = new Map<string, string>();
  for (const match of source.matchAll(
    /@Get\('([^']+)'\)\s*(?:@\w+\([^)]*\)\s*)*(?:async\s+)?(\w+)\(/g,
  )) {
    routes.set(match[2], `/${match[1]}`);
  }
  const live = routes.get('live');
  const ready = routes.get('ready');
  if (!live || !ready) {
    throw new Error(`${file}: no live() and ready() routes found`);
  }
  return { live, ready };
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

interface ContainerPort {
  name?: string;
  containerPort: number;
}

/** CPU in millicores, memory in bytes, from a Kubernetes quantity. */
export function quantity(value: string | number): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(value));
  if (!match) {
    return NaN;
  }
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
  };
  const factor = factors[match[2]];
  return factor === undefined ? NaN : Number(match[1]) * factor;
}

/**
 * What every Deployment must have: readiness and liveness probes on the app's real health paths
 * and on the port it listens on, requests and limits for CPU and memory, an HPA targeting it
 * (scaling on CPU, which needs the request), a Service reaching the same port, and for the gateway
 * subgraph URLs that name those Services.
 */
export function deploymentProblems(
  manifests: DeployManifests,
  paths: Record<'service' | 'gateway', HealthPaths>,
): string[] {
  const problems: string[] = [];
  const { objects } = manifests;
  const secretKeys = new Set(
    manifests.unapplied.flatMap((o) =>
      o.kind === 'Secret' ? Object.keys(o.stringData ?? {}) : [],
    ),
  );
  const images = new Set(manifests.kustomization.images.map((i) => i.name));

  for (const app of DEPLOYED_APPS) {
    const expected = app === 'gateway' ? paths.gateway : paths.service;
    const deployment = find(objects, 'Deployment', app);
    if (!deployment) {
      problems.push(`${app}: no Deployment`);
      continue;
    }
    const where = deployment.source;
    const template = deployment.spec?.template;
    const podLabels: Record<string, string> = template?.metadata?.labels ?? {};
    if (!selects(deployment.spec?.selector, podLabels)) {
      problems.push(`${where}: spec.selector does not select its own pod template`);
    }
    const container = (template?.spec?.containers ?? []).find(
      (c: { name: string }) => c.name === app,
    );
    if (!container) {
      problems.push(`${where}: no container named ${app}`);
      continue;
    }
    const ports: ContainerPort[] = container.ports ?? [];
    const envPort = Number(
      (container.env ?? []).find((e: { name: string }) => e.name === 'PORT')?.value,
    );
    if (!Number.isInteger(envPort)) {
      problems.push(`${where}: the container sets no PORT`);
    }
    const resolve = (port: string | number | undefined) =>
      typeof port === 'number' ? port : ports.find((p) => p.name === port)?.containerPort;

    for (const [probe, path] of [
      ['readinessProbe', expected.ready],
      ['livenessProbe', expected.live],
    ] as const) {
      const get = container[probe]?.httpGet;
      if (!get) {
        problems.push(`${where}: no ${probe} (an httpGet on ${path})`);
        continue;
      }
      if (get.path !== path) {
        problems.push(`${where}: ${probe} asks ${get.path}, but ${app} serves ${path}`);
      }
      if (resolve(get.port) !== envPort) {
        problems.push(
          `${where}: ${probe} port ${get.port} is not the port ${app} listens on (PORT ${envPort})`,
        );
      }
    }
    const startup = container.startupProbe?.httpGet;
    if (startup && startup.path !== expected.live) {
      problems.push(
        `${where}: startupProbe asks ${startup.path}, but ${app} serves ${expected.live}`,
      );
    }

    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (container.resources?.[kind]?.[resource] === undefined) {
          problems.push(`${where}: no resources.${kind}.${resource}`);
        }
      }
    }
    for (const resource of ['cpu', 'memory']) {
      const request = container.resources?.requests?.[resource];
      const limit = container.resources?.limits?.[resource];
      if (request !== undefined && limit !== undefined && quantity(request) > quantity(limit)) {
        problems.push(`${where}: ${resource} request ${request} is above its limit ${limit}`);
      }
    }

    if (!images.has(container.image)) {
      problems.push(`${where}: image ${container.image} is not named in kustomization.yaml images`);
    }
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref && ref.name === 'civitas-secrets' && !secretKeys.has(ref.key)) {
        problems.push(`${where}: ${env.name} reads ${ref.key}, which secret.example.yaml lacks`);
      }
    }
    for (const from of container.envFrom ?? []) {
      const name = from.configMapRef?.name;
      if (name && !find(objects, 'ConfigMap', name)) {
        problems.push(`${where}: envFrom names ConfigMap ${name}, which is not deployed`);
      }
    }

    const hpas = objects.filter(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        o.spec?.scaleTargetRef?.kind === 'Deployment' &&
        o.spec?.scaleTargetRef?.apiVersion === 'apps/v1' &&
        o.spec?.scaleTargetRef?.name === app,
    );
    if (hpas.length !== 1) {
      problems.push(`${where}: ${hpas.length} HorizontalPodAutoscalers target it (one expected)`);
    } else {
      const hpa = hpas[0].spec;
      if (!(hpa.minReplicas >= 2) || !(hpa.maxReplicas > hpa.minReplicas)) {
        problems.push(
          `${hpas[0].source}: replicas ${hpa.minReplicas}-${hpa.maxReplicas} (at least 2, room to grow)`,
        );
      }
      const cpu = (hpa.metrics ?? []).some(
        (m: { type: string; resource?: { name: string } }) =>
          m.type === 'Resource' && m.resource?.name === 'cpu',
      );
      if (!cpu) {
        problems.push(`${hpas[0].source}: does not scale on CPU`);
      }
    }

    const service = find(objects, 'Service', app);
    if (!service || !selects({ matchLabels: service.spec?.selector }, podLabels)) {
      problems.push(`${where}: no Service named ${app} selecting its pods`);
    } else {
      const http = (service.spec.ports ?? []).find((p: { name?: string }) => p.name === 'http');
      if (!http || resolve(http.targetPort ?? http.port) !== envPort) {
        problems.push(
          `${service.source}: port http does not reach the container's PORT ${envPort}`,
        );
      }
    }
  }

  const gatewayConfig = find(objects, 'ConfigMap', 'civitas-gateway-config')?.data ?? {};
  for (const subgraph of SUBGRAPHS) {
    const key = `${subgraph.toUpperCase()}_URL`;
    const service = find(objects, 'Service', subgraph);
    const port = service?.spec?.ports?.find((p: { name?: string }) => p.name === 'http')?.port;
    const expected = `http://${subgraph}:${port}/graphql`;
    if (gatewayConfig[key] !== expected) {
      problems.push(`civitas-gateway-config: ${key} is ${gatewayConfig[key]}, not ${expected}`);
    }
  }
  return problems;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label-selector semantics; an empty selector selects everything. */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) {
    return false;
  }
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
    switch (operator) {
      case 'In':
        return key in labels && (values ?? []).includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !(values ?? []).includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/** A pod as NetworkPolicies see it. */
export interface PodView {
  name: string;
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  ports: ContainerPort[];
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface PolicyPort {
  port?: number | string;
  protocol?: string;
}

/** The civitas pods kustomize would create (Deployments' and Jobs' templates). */
export function civitasPods(manifests: DeployManifests): PodView[] {
  const namespace = manifests.kustomization.namespace;
  const ns = manifests.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
  const namespaceLabels = {
    ...(ns?.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': namespace,
  };
  return manifests.objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
    .map((o) => ({
      name: o.metadata.name,
      namespace,
      namespaceLabels,
      labels: o.spec?.template?.metadata?.labels ?? {},
      ports: (o.spec?.template?.spec?.containers ?? []).flatMap(
        (c: { ports?: ContainerPort[] }) => c.ports ?? [],
      ),
    }));
}

function policies(manifests: DeployManifests, pod: PodView, type: 'Ingress' | 'Egress') {
  return manifests.objects.filter((o) => {
    if (o.kind !== 'NetworkPolicy' || o.metadata.namespace !== pod.namespace) {
      return false;
    }
    const types: string[] =
      o.spec?.policyTypes ?? (o.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return types.includes(type) && selects(o.spec?.podSelector ?? {}, pod.labels);
  });
}

function peerMatches(peers: PolicyPeer[] | undefined, pod: PodView, policyNamespace: string) {
  if (!peers || peers.length === 0) {
    return true;
  }
  return peers.some((peer) => {
    if (peer.ipBlock) {
      return false; // pods are addressed by labels here; ipBlock rules are for outside the cluster
    }
    const inNamespace = peer.namespaceSelector
      ? selects(peer.namespaceSelector, pod.namespaceLabels)
      : pod.namespace === policyNamespace;
    return inNamespace && (peer.podSelector ? selects(peer.podSelector, pod.labels) : true);
  });
}

function portMatches(ports: PolicyPort[] | undefined, target: PodView, port: number) {
  if (!ports || ports.length === 0) {
    return true;
  }
  return ports.some(
    (p) =>
      (p.protocol ?? 'TCP') === 'TCP' &&
      (p.port === undefined ||
        p.port === port ||
        target.ports.some((c) => c.name === p.port && c.containerPort === port)),
  );
}

/** Whether the NetworkPolicies admit a TCP connection from one pod to another's port. */
export function ingressAllowed(
  manifests: DeployManifests,
  from: PodView,
  to: PodView,
  port: number,
): boolean {
  const selecting = policies(manifests, to, 'Ingress');
  if (selecting.length === 0) {
    return true;
  }
  return selecting.some((policy) =>
    ((policy.spec.ingress ?? []) as { from?: PolicyPeer[]; ports?: PolicyPort[] }[]).some(
      (rule) =>
        peerMatches(rule.from, from, policy.metadata.namespace!) &&
        portMatches(rule.ports, to, port),
    ),
  );
}

/** Whether a pod may open a connection outside the cluster (managed Postgres, the identity provider). */
export function egressToOutsideAllowed(manifests: DeployManifests, from: PodView, port: number) {
  const selecting = policies(manifests, from, 'Egress');
  if (selecting.length === 0) {
    return true;
  }
  return selecting.some((policy) =>
    ((policy.spec.egress ?? []) as { to?: PolicyPeer[]; ports?: PolicyPort[] }[]).some(
      (rule) =>
        (!rule.to ||
          rule.to.length === 0 ||
          rule.to.some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0')) &&
        (!rule.ports ||
          rule.ports.length === 0 ||
          rule.ports.some((p) => p.port === undefined || p.port === port)),
    ),
  );
}
