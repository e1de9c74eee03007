/**
 * Workloads on the local cluster: RuntimeClass admission, the scheduler, the kubelet stand-in
 * (including the kata handler rule) and the Deployment/ReplicaSet controllers.
 */
import type { JsonObject } from '../../src/cluster/apiserver/json';
import { isObject, objectAt, str } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { WorkloadControllers } from '../../src/cluster/controllers';
import { startWorkloadControllers } from '../../src/cluster/controllers';
import type { TestCluster } from './harness';
import { http, kubectlOk, startTestCluster, waitFor } from './harness';

jest.setTimeout(60_000);

const WAIT_MS = 60_000;
const KATA_ROLE = 'node-role.kubernetes.io/kata-oc';

interface PodView {
  metadata: { name: string; labels?: Record<string, string>; ownerReferences?: JsonObject[] };
  spec: {
    nodeName?: string;
    nodeSelector?: Record<string, string>;
    overhead?: Record<string, string>;
    tolerations?: JsonObject[];
  };
  status: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

const asView = (obj: JsonObject): PodView => obj as unknown as PodView;

describe('workload controllers', () => {
  let test: TestCluster;
  let controllers: WorkloadControllers;
  const type = (apiVersion: string, kind: string): ResourceType => {
    const found = test.cluster.registry.findKind(apiVersion, kind);
    if (!found) throw new Error(`${apiVersion} ${kind} is not served`);
    return found;
  };
  const create = (apiVersion: string, kind: string, obj: JsonObject, ns = ''): JsonObject =>
    test.cluster.api.create(type(apiVersion, kind), ns, { apiVersion, kind, ...obj }).object;
  const pods = (selector?: string): PodView[] =>
    test.cluster.api
      .list(type('v1', 'Pod'), 'default', { labelSelector: selector ?? null })
      .items.map(asView);
  const pod = (name: string): PodView =>
    asView(test.cluster.api.get(type('v1', 'Pod'), 'default', name));
  const events = (name: string): JsonObject[] =>
    test.cluster.api
      .list(type('v1', 'Event'), 'default')
      .items.filter((e) => objectAt(e.involvedObject)?.name === name);
  const ready = (p: PodView): boolean =>
    p.status.phase === 'Running' &&
    p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
  const node = (name: string, labels: Record<string, string>, annotations = {}): void => {
    create('v1', 'Node', {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels }, annotations },
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      },
    });
  };
  const podBody = (name: string, spec: JsonObject): JsonObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'main', image: 'registry.example/app:1' }], ...spec },
  });

  beforeAll(async () => {
    test = await startTestCluster();
    controllers = startWorkloadControllers(test.cluster.api, { podStartDelayMs: 100 });
    create('machineconfiguration.openshift.io/v1', 'MachineConfig', {
      metadata: { name: 'rendered-kata-oc-1' },
      spec: { extensions: ['sandboxed-containers'] },
    });
    create('machineconfiguration.openshift.io/v1', 'MachineConfig', {
      metadata: { name: 'rendered-worker-1' },
      spec: { extensions: [] },
    });
    node(
      'worker-0',
      { 'node-role.kubernetes.io/worker': '' },
      {
        'machineconfiguration.openshift.io/currentConfig': 'rendered-worker-1',
      },
    );
    node(
      'worker-1',
      { 'node-role.kubernetes.io/worker': '' },
      {
        'machineconfiguration.openshift.io/currentConfig': 'rendered-worker-1',
      },
    );
    node(
      'kata-0',
      { 'node-role.kubernetes.io/worker': '', [KATA_ROLE]: '' },
      {
        'machineconfiguration.openshift.io/currentConfig': 'rendered-kata-oc-1',
      },
    );
    create('node.k8s.io/v1', 'RuntimeClass', {
      metadata: { name: 'kata' },
      handler: 'kata',
      overhead: { podFixed: { cpu: '250m', memory: '350Mi' } },
      scheduling: {
        nodeSelector: { [KATA_ROLE]: '' },
        tolerations: [{ key: 'kata', operator: 'Exists', effect: 'NoSchedule' }],
      },
    });
  });

  afterAll(async () => {
    await controllers.stop();
    await test.stop();
  });

  describe('RuntimeClass admission', () => {
    it('sets the overhead, merges the node selector and appends tolerations', () => {
      const created = asView(
        create(
          'v1',
          'Pod',
          podBody('admitted', {
            runtimeClassName: 'kata',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'other', operator: 'Exists' }],
          }),
          'default',
        ),
      );
      expect(created.spec.overhead).toEqual({ cpu: '250m', memory: '350Mi' });
      expect(created.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', [KATA_ROLE]: '' });
      expect(created.spec.tolerations).toEqual([
        { key: 'other', operator: 'Exists' },
        { key: 'kata', operator: 'Exists', effect: 'NoSchedule' },
      ]);
    });

    it('accepts an overhead equal to the class one, written differently', () => {
      const created = asView(
        create(
          'v1',
          'Pod',
          podBody('same-overhead', {
            runtimeClassName: 'kata',
            overhead: { cpu: '0.25', memory: '350Mi' },
          }),
          'default',
        ),
      );
      expect(created.spec.overhead).toEqual({ cpu: '250m', memory: '350Mi' });
    });

    it.each([
      [
        'a missing RuntimeClass',
        { runtimeClassName: 'nope' },
        'pods "rejected" is forbidden: pod rejected: RuntimeClass "nope" not found',
      ],
      [
        'a different overhead',
        { runtimeClassName: 'kata', overhead: { cpu: '1', memory: '350Mi' } },
        "pods \"rejected\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
      ],
      [
        'an overhead without a RuntimeClass',
        { overhead: { cpu: '1' } },
        'pods "rejected" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
      ],
      [
        'a conflicting node selector',
        { runtimeClassName: 'kata', nodeSelector: { [KATA_ROLE]: 'no' } },
        `pods "rejected" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[${KATA_ROLE}] = ; pod.spec.nodeSelector[${KATA_ROLE}] = no`,
      ],
    ])('rejects %s with 403 and the real message', async (_what, spec, message) => {
      const response = await http(test, 'POST', '/api/v1/namespaces/default/pods', {
        body: JSON.stringify(podBody('rejected', spec)),
      });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ reason: 'Forbidden', code: 403, message });
    });
  });

  describe('scheduler and kubelet', () => {
    it('runs a kata pod on the node whose rendered config has the extension', async () => {
      create('v1', 'Pod', podBody('kata-app', { runtimeClassName: 'kata' }), 'default');
      await waitFor(() => ready(pod('kata-app')), WAIT_MS);
      const running = pod('kata-app');
      expect(running.spec.nodeName).toBe('kata-0');
      expect(running.status.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe(
        'True',
      );
      const reasons = events('kata-app').map((e) => e.reason);
      expect(reasons).toEqual(
        expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
      );
    });

    it('keeps a kata pod in ContainerCreating on a node without the extension', async () => {
      create(
        'v1',
        'Pod',
        podBody('kata-on-worker', {
          runtimeClassName: 'kata',
          nodeName: 'worker-0',
          nodeSelector: {},
        }),
        'default',
      );
      await waitFor(
        () => events('kata-on-worker').some((e) => e.reason === 'FailedCreatePodSandBox'),
        WAIT_MS,
      );
      const event = events('kata-on-worker').find((e) => e.reason === 'FailedCreatePodSandBox');
      expect(event).toMatchObject({
        type: 'Warning',
        message:
          'Failed to create pod sandbox: rpc error: code = Unknown desc = RuntimeHandler "kata" not supported',
        source: { component: 'kubelet', host: 'worker-0' },
      });
      const stuck = test.cluster.api.get(type('v1', 'Pod'), 'default', 'kata-on-worker');
      expect(asView(stuck).status.phase).toBe('Pending');
      const statuses = objectAt(stuck.status)?.containerStatuses;
      expect(Array.isArray(statuses) && statuses.find(isObject)?.state).toEqual({
        waiting: { reason: 'ContainerCreating' },
      });
    });

    it('leaves a pod that fits nowhere Pending with FailedScheduling', async () => {
      create(
        'v1',
        'Pod',
        podBody('too-big', {
          containers: [
            { name: 'main', image: 'app', resources: { requests: { cpu: '3', memory: '1Gi' } } },
          ],
        }),
        'default',
      );
      await waitFor(() => events('too-big').some((e) => e.reason === 'FailedScheduling'), WAIT_MS);
      const scheduled = pod('too-big').status.conditions?.find((c) => c.type === 'PodScheduled');
      const message =
        '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
      expect(scheduled).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
      expect(pod('too-big').status.phase).toBe('Pending');
      expect(pod('too-big').spec.nodeName).toBeUndefined();
      expect(events('too-big').find((e) => e.reason === 'FailedScheduling')).toMatchObject({
        type: 'Warning',
        message,
        source: { component: 'default-scheduler' },
      });
    });

    it('counts the overhead: a kata pod that fits only without it stays Pending', async () => {
      create(
        'v1',
        'Pod',
        podBody('kata-full', {
          runtimeClassName: 'kata',
          containers: [{ name: 'main', image: 'app', resources: { requests: { cpu: '1800m' } } }],
        }),
        'default',
      );
      await waitFor(
        () => events('kata-full').some((e) => e.reason === 'FailedScheduling'),
        WAIT_MS,
      );
      const scheduled = pod('kata-full').status.conditions?.find((c) => c.type === 'PodScheduled');
      expect(scheduled?.message).toMatch(
        /^0\/3 nodes are available: 1 Insufficient cpu, 2 node\(s\) didn't match Pod's node affinity\/selector\./,
      );
    });
  });

  describe('Deployments', () => {
    const deployment = (replicas: number, image: string): JsonObject => ({
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'main', image }] },
        },
      },
    });
    const readyWebPods = (): PodView[] => pods('app=web').filter(ready);

    it('creates a ReplicaSet and ready pods, and kubectl rollout status succeeds', async () => {
      create('apps/v1', 'Deployment', deployment(2, 'nginx:1'), 'default');
      await waitFor(() => readyWebPods().length === 2, WAIT_MS);
      const [first] = pods('app=web');
      const owner = first?.metadata.ownerReferences?.[0];
      expect(owner).toMatchObject({
        kind: 'ReplicaSet',
        controller: true,
        blockOwnerDeletion: true,
      });
      const hash = first?.metadata.labels?.['pod-template-hash'] ?? '';
      expect(owner?.name).toBe(`web-${hash}`);
      const output = await kubectlOk(test, [
        'rollout',
        'status',
        'deployment/web',
        '--timeout=60s',
      ]);
      expect(output).toContain('successfully rolled out');
      const status = objectAt(
        test.cluster.api.get(type('apps/v1', 'Deployment'), 'default', 'web').status,
      );
      expect(status).toMatchObject({
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
      });
    });

    it('recreates a deleted pod', async () => {
      const [victim] = readyWebPods();
      const name = victim?.metadata.name ?? '';
      test.cluster.api.delete(type('v1', 'Pod'), 'default', name);
      await waitFor(
        () => readyWebPods().length === 2 && !pods('app=web').some((p) => p.metadata.name === name),
        WAIT_MS,
      );
    });

    it('rolls out a new template and keeps the old ReplicaSet at zero', async () => {
      const current = test.cluster.api.get(type('apps/v1', 'Deployment'), 'default', 'web');
      const spec = deployment(2, 'nginx:2').spec ?? {};
      test.cluster.api.update(type('apps/v1', 'Deployment'), 'default', 'web', {
        ...current,
        spec,
      });
      await kubectlOk(test, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
      const sets = test.cluster.api.list(type('apps/v1', 'ReplicaSet'), 'default').items;
      const summary = sets
        .map((rs) => {
          const meta = objectAt(rs.metadata);
          return {
            revision: str(objectAt(meta?.annotations)?.['deployment.kubernetes.io/revision']),
            hash: str(objectAt(meta?.labels)?.['pod-template-hash']),
            replicas: objectAt(rs.spec)?.replicas,
          };
        })
        .sort((a, b) => (a.revision ?? '').localeCompare(b.revision ?? ''));
      expect(summary.map(({ revision, replicas }) => ({ revision, replicas }))).toEqual([
        { revision: '1', replicas: 0 },
        { revision: '2', replicas: 2 },
      ]);
      const newHash = summary[1]?.hash;
      expect(newHash).toMatch(/^[a-z0-9]{10}$/);
      await waitFor(
        () =>
          readyWebPods().length === 2 &&
          pods('app=web').every((p) => p.metadata.labels?.['pod-template-hash'] === newHash),
        WAIT_MS,
      );
    });

    it('scales to zero and removes the pods', async () => {
      await kubectlOk(test, ['patch', 'deployment/web', '-p', '{"spec":{"replicas":0}}']);
      await waitFor(() => pods('app=web').length === 0, WAIT_MS);
      await waitFor(() => {
        const status = objectAt(
          test.cluster.api.get(type('apps/v1', 'Deployment'), 'default', 'web').status,
        );
        return status?.replicas === 0 && status.observedGeneration === 3;
      }, WAIT_MS);
    });
  });
});
