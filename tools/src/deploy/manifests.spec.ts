import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../platform/repo-root.js';
import {
  civitasPods,
  DEPLOYED_APPS,
  deploymentProblems,
  egressToOutsideAllowed,
  healthPaths,
  ingressAllowed,
  loadDeployManifests,
  schemaErrors,
  SUBGRAPHS,
  type DeployManifests,
  type K8sObject,
  type PodView,
} from './manifests.js';

// The manifests in deploy/ checked as CI can without a cluster (docs/adr/0073): every object
// against the Kubernetes API schemas, then what `kubectl apply` would accept but the design forbids.
const root = findRepoRoot();
const deployDir = join(root, 'deploy');
const paths = healthPaths(root);
const manifests = loadDeployManifests(deployDir);

/** Every problem the checks find: schema errors first, then the design's rules. */
function problemsOf(m: DeployManifests): string[] {
  return [
    ...[...m.objects, ...m.unapplied].flatMap(schemaErrors),
    ...deploymentProblems(m, paths),
    ...reachabilityProblems(m),
  ];
}

function copyOf(m: DeployManifests): DeployManifests {
  return structuredClone(m);
}

function object(m: DeployManifests, kind: string, name: string): K8sObject {
  const found = m.objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    throw new Error(`no ${kind}/${name}`);
  }
  return found;
}

// Pods that are not ours but that the policies must reckon with: the NATS chart's servers and
// nats-box (release "nats" in this namespace), the ingress controller, and strangers.
function outsidePods(m: DeployManifests): Record<string, PodView> {
  const civitas = civitasPods(m)[0];
  const inCivitas = { namespace: civitas.namespace, namespaceLabels: civitas.namespaceLabels };
  const natsLabels = { 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/instance': 'nats' };
  return {
    nats: {
      name: 'nats-0',
      ...inCivitas,
      labels: { ...natsLabels, 'app.kubernetes.io/component': 'nats' },
      ports: [
        { name: 'nats', containerPort: 4222 },
        { name: 'cluster', containerPort: 6222 },
        { name: 'monitor', containerPort: 8222 },
      ],
    },
    natsBox: {
      name: 'nats-box',
      ...inCivitas,
      labels: { ...natsLabels, 'app.kubernetes.io/component': 'nats-box' },
      ports: [],
    },
    ingressController: {
      name: 'ingress-nginx-controller',
      namespace: 'ingress-nginx',
      namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
      ports: [],
    },
    strangerElsewhere: {
      name: 'stranger',
      namespace: 'default',
      namespaceLabels: { 'kubernetes.io/metadata.name': 'default' },
      labels: { app: 'stranger' },
      ports: [],
    },
    strangerHere: { name: 'debug', ...inCivitas, labels: { run: 'debug' }, ports: [] },
  };
}

const APP_PORT: Record<string, number> = {
  gateway: 4000,
  intake: 4001,
  cases: 4002,
  citizens: 4003,
  routing: 4004,
  analytics: 4005,
};

/**
 * Who may reach whom, as deploy/README.md designs it: the ingress controller the gateway's http
 * port only; the gateway the subgraphs; the subgraphs NATS; the NATS chart's pods each other;
 * nothing else anything; egress open, for the managed Postgres and the identity provider.
 */
function reachabilityProblems(m: DeployManifests): string[] {
  const ours = new Map(civitasPods(m).map((pod) => [pod.name, pod]));
  const outside = outsidePods(m);
  const pod = (name: string) => ours.get(name) ?? outside[name];
  const expectations: [from: string, to: string, port: number, allowed: boolean][] = [
    ['ingressController', 'gateway', APP_PORT.gateway, true],
    ['ingressController', 'gateway', 9464, false], // metrics
    ['strangerElsewhere', 'gateway', APP_PORT.gateway, false],
    ['strangerHere', 'gateway', APP_PORT.gateway, false],
    ['nats', 'nats', 6222, true],
    ['nats', 'nats', 8222, true],
    ['natsBox', 'nats', 4222, true],
    ['gateway', 'nats', 4222, false],
    ['ingressController', 'nats', 4222, false],
    ['strangerElsewhere', 'nats', 4222, false],
    ['strangerHere', 'nats', 4222, false],
  ];
  for (const subgraph of SUBGRAPHS) {
    expectations.push(
      ['gateway', subgraph, APP_PORT[subgraph], true],
      [subgraph, 'nats', 4222, true],
      [subgraph, 'gateway', APP_PORT.gateway, false],
      ['ingressController', subgraph, APP_PORT[subgraph], false],
      ['strangerElsewhere', subgraph, APP_PORT[subgraph], false],
      ['strangerHere', subgraph, APP_PORT[subgraph], false],
      ['nats', subgraph, APP_PORT[subgraph], false],
      [`${subgraph}-migrate`, 'nats', 4222, false],
      [`${subgraph}-migrate`, subgraph, APP_PORT[subgraph], false],
    );
    for (const other of SUBGRAPHS.filter((name) => name !== subgraph)) {
      expectations.push([subgraph, other, APP_PORT[other], false]);
    }
  }
  const problems: string[] = [];
  for (const [from, to, port, allowed] of expectations) {
    const source = pod(from);
    const target = pod(to);
    if (!source || !target) {
      problems.push(`no pod ${source ? to : from} to check the NetworkPolicies with`);
    } else if (ingressAllowed(m, source, target, port) !== allowed) {
      problems.push(
        `NetworkPolicies ${allowed ? 'block' : 'let'} ${from} ${allowed ? 'from reaching' : 'reach'} ${to}:${port}`,
      );
    }
  }
  for (const [name, source] of ours) {
    // Managed Postgres (5432) for everyone, the identity provider's JWKS (443) for the gateway.
    for (const port of [5432, 443]) {
      if (!egressToOutsideAllowed(m, source, port)) {
        problems.push(
          `NetworkPolicies block ${name} from reaching port ${port} outside the cluster`,
        );
      }
    }
  }
  return problems;
}

describe('deploy/ Kubernetes manifests', () => {
  it('applies every file it lists and every object has a known API type', () => {
    const kinds = manifests.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const app of DEPLOYED_APPS) {
      expect(kinds).toEqual(
        expect.arrayContaining([
          `Deployment/${app}`,
          `Service/${app}`,
          `HorizontalPodAutoscaler/${app}`,
        ]),
      );
    }
    expect(kinds.filter((k) => k.startsWith('NetworkPolicy/')).length).toBeGreaterThan(0);
  });

  it('validates every object against the Kubernetes API schemas', () => {
    expect([...manifests.objects, ...manifests.unapplied].flatMap(schemaErrors)).toEqual([]);
  });

  it('reads the health paths from the apps themselves', () => {
    expect(paths.service).toEqual({ live: '/health/live', ready: '/health/ready' });
    expect(paths.gateway).toEqual({ live: '/health/live', ready: '/health/ready' });
  });

  it('gives every Deployment probes on its health paths, resources, an HPA and a Service', () => {
    expect(deploymentProblems(manifests, paths)).toEqual([]);
  });

  it('lets only the gateway reach the subgraphs and only the subgraphs reach NATS', () => {
    expect(reachabilityProblems(manifests)).toEqual([]);
  });

  it('creates replicated streams for the three-node NATS cluster it deploys against', () => {
    // deploy/README.md installs NATS with 3 cluster replicas; one-replica streams would lose
    // events with the node holding them.
    expect(object(manifests, 'ConfigMap', 'civitas-config').data?.BUS_STREAM_REPLICAS).toBe('3');
  });

  describe('fails on a broken manifest', () => {
    it('a Deployment without a readiness probe', () => {
      const broken = copyOf(manifests);
      delete object(broken, 'Deployment', 'cases').spec.template.spec.containers[0].readinessProbe;
      expect(problemsOf(broken)).toEqual([
        'cases.yaml Deployment/cases: no readinessProbe (an httpGet on /health/ready)',
      ]);
    });

    it('a liveness probe on a path the service does not serve, or on another port', () => {
      const broken = copyOf(manifests);
      const container = object(broken, 'Deployment', 'routing').spec.template.spec.containers[0];
      container.livenessProbe.httpGet.path = '/healthz';
      const gateway = object(broken, 'Deployment', 'gateway').spec.template.spec.containers[0];
      gateway.readinessProbe.httpGet.port = 'metrics';
      expect(problemsOf(broken)).toEqual([
        'routing.yaml Deployment/routing: livenessProbe asks /healthz, but routing serves /health/live',
        'gateway.yaml Deployment/gateway: readinessProbe port metrics is not the port gateway listens on (PORT 4000)',
      ]);
    });

    it('a container without limits, or asking more than its limit', () => {
      const broken = copyOf(manifests);
      delete object(broken, 'Deployment', 'intake').spec.template.spec.containers[0].resources
        .limits;
      const analytics = object(broken, 'Deployment', 'analytics').spec.template.spec.containers[0];
      analytics.resources.requests.memory = '2Gi';
      expect(problemsOf(broken)).toEqual([
        'intake.yaml Deployment/intake: no resources.limits.cpu',
        'intake.yaml Deployment/intake: no resources.limits.memory',
        `analytics.yaml Deployment/analytics: memory request 2Gi is above its limit ${analytics.resources.limits.memory}`,
      ]);
    });

    it('an HPA that targets another Deployment', () => {
      const broken = copyOf(manifests);
      object(broken, 'HorizontalPodAutoscaler', 'citizens').spec.scaleTargetRef.name = 'citizen';
      expect(problemsOf(broken)).toEqual([
        'citizens.yaml Deployment/citizens: 0 HorizontalPodAutoscalers target it (one expected)',
      ]);
    });

    it('a NetworkPolicy opened to every pod', () => {
      const broken = copyOf(manifests);
      object(broken, 'NetworkPolicy', 'subgraphs-from-gateway').spec.ingress[0].from = [
        { podSelector: {} },
      ];
      const problems = problemsOf(broken);
      expect(problems).toContain('NetworkPolicies let cases reach intake:4001');
      expect(problems).toContain('NetworkPolicies let strangerHere reach analytics:4005');
      expect(problems).not.toContain('NetworkPolicies let strangerElsewhere reach intake:4001');
    });

    it('the gateway cut off from a subgraph, and NATS from its clients', () => {
      const broken = copyOf(manifests);
      object(broken, 'NetworkPolicy', 'subgraphs-from-gateway').spec.ingress[0].ports = [
        { port: 4009, protocol: 'TCP' },
      ];
      object(broken, 'NetworkPolicy', 'nats-from-subgraphs').spec.ingress.shift();
      const problems = problemsOf(broken);
      expect(problems).toContain('NetworkPolicies block gateway from reaching routing:4004');
      expect(problems).toContain('NetworkPolicies block intake from reaching nats:4222');
    });

    it('an object the Kubernetes API would refuse, read from a mutated copy of deploy/', () => {
      const dir = mkdtempSync(join(tmpdir(), 'civitas-deploy-'));
      try {
        cpSync(deployDir, dir, { recursive: true });
        const file = join(dir, 'gateway.yaml');
        const text = readFileSync(file, 'utf8');
        expect(text).toContain('containerPort: 4000\n');
        writeFileSync(file, text.replace('containerPort: 4000\n', "containerPort: 'http'\n"));
        const problems = problemsOf(loadDeployManifests(dir));
        expect(problems).toContain(
          'gateway.yaml Deployment/gateway: /spec/template/spec/containers/0/ports/0/containerPort must be integer',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a file listed in kustomization.yaml that does not exist', () => {
      const dir = mkdtempSync(join(tmpdir(), 'civitas-deploy-'));
      try {
        cpSync(deployDir, dir, { recursive: true });
        rmSync(join(dir, 'routing.yaml'));
        expect(() => loadDeployManifests(dir)).toThrow(
          'routing.yaml: listed in kustomization.yaml but missing',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
