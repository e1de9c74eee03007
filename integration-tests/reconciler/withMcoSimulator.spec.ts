/**
 * The bundled reconciler against the local cluster's MCO simulator (render, node controller,
 * drain and daemons): nothing here plays the MCO. One cluster, in order: a clean install, logLevel,
 * a selector change, uninstall, then a second install with a failing node during which the
 * reconciler is killed with SIGKILL and replaced, and finally a worker added and one removed.
 */
import type { RuntimeClass } from '../../src/shared/k8s';
import { crioConfigSpec, Harness, KC, MCO, waitFor } from './harness';
import type { Reconciler } from './harness';

jest.setTimeout(120_000);

const MCO_V1 = `${MCO}/v1`;
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
const FAULT = 'sim.kata-local/fault';
const FAULT_REASON = 'sim.kata-local/fault-reason';
const NAME = 'example-kataconfig';
/** Generous: a loaded 2-core machine, and a reconciler that still has to compile with ts-node. */
const SLOW = 60_000;

describe('bundled reconciler with the MCO simulator', () => {
  let h: Harness;
  let reconciler: Reconciler;

  const installed = (names: string[]): boolean => {
    const kc = h.kataConfig();
    const c = h.inProgress();
    return (
      c?.status === 'False' &&
      c.reason === '' &&
      JSON.stringify(kc?.status?.kataNodes?.installed ?? []) === JSON.stringify(names) &&
      kc?.status?.kataNodes?.readyNodeCount === names.length
    );
  };
  const annotateNode = (node: string, annotations: Record<string, string | null>): void => {
    h.patch('v1', 'Node', node, { metadata: { annotations } });
  };

  beforeAll(async () => {
    h = await Harness.start(3, 200);
    reconciler = await h.startLeader('replica-a', SLOW);
  });

  afterAll(() => h.stop());

  it('installs on every worker, driven by the simulator, then creates RuntimeClass kata', async () => {
    expect(h.kataLabelledNodes()).toEqual([]);
    h.create(KC, 'KataConfig', {
      metadata: { name: NAME },
      spec: { checkNodeEligibility: false, logLevel: 'info' },
    });
    await waitFor('installed on all workers', () => installed(WORKERS), SLOW);
    const kc = h.kataConfig();
    expect(kc?.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);
    expect(kc?.status?.runtimeClasses).toEqual(['kata']);
    expect(kc?.status?.waitingForMcoToStart ?? false).toBe(false);
    expect(kc?.status?.kataNodes).toMatchObject({ nodeCount: 3, readyNodeCount: 3 });
    expect(h.kataLabelledNodes()).toEqual(WORKERS);
    const target = h.poolTarget('kata-oc');
    expect(target).toMatch(/^rendered-kata-oc-/);
    for (const node of WORKERS) expect(h.currentConfig(node)).toBe(target);
    const rc = h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') as RuntimeClass | null;
    expect(rc?.handler).toBe('kata');
    expect(rc?.metadata?.ownerReferences?.[0]?.uid).toBe(kc?.metadata?.uid);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([
      '50-enable-sandboxed-containers-extension',
    ]);
    expect(h.managed(MCO_V1, 'MachineConfigPool')).toEqual(['kata-oc']);
    expect(h.eventReasons(NAME)).toEqual(
      expect.arrayContaining(['InstallStarted', 'MachineConfigCreated', 'RuntimeClassCreated']),
    );
  });

  it('creates kata-crio-config for logLevel debug and deletes it back at info', async () => {
    h.patch(KC, 'KataConfig', NAME, { spec: { logLevel: 'debug' } });
    const crc = await h.crioConfig(SLOW);
    expect(crc.spec).toEqual(crioConfigSpec('kata-oc', 'debug'));
    expect((crc.metadata as { labels?: Record<string, string> }).labels?.[MANAGED_BY]).toBe(
      'kata-console-plugin',
    );
    h.patch(KC, 'KataConfig', NAME, { spec: { logLevel: 'info' } });
    await waitFor(
      'kata-crio-config deleted',
      () => h.get(MCO_V1, 'ContainerRuntimeConfig', 'kata-crio-config') === null,
      SLOW,
    );
    // The Event follows the delete.
    await waitFor(
      'ContainerRuntimeConfig events',
      () =>
        h.eventReasons(NAME).includes('ContainerRuntimeConfigCreated') &&
        h.eventReasons(NAME).includes('ContainerRuntimeConfigDeleted'),
      SLOW,
    );
  });

  it('relabels nodes on a selector change, reports Updating, then settles', async () => {
    h.patch('v1', 'Node', 'worker-1', { metadata: { labels: { 'example.com/kata': 'yes' } } });
    h.patch(KC, 'KataConfig', NAME, {
      spec: { kataConfigPoolSelector: { matchLabels: { 'example.com/kata': 'yes' } } },
    });
    await waitFor(
      'only worker-1 labelled',
      () => h.kataLabelledNodes().join() === 'worker-1',
      SLOW,
    );
    await waitFor('Updating reported', () => h.eventReasons(NAME).includes('Updating'), SLOW);
    expect(h.inProgress()?.reason === 'Updating' || installed(['worker-1'])).toBe(true);
    await waitFor('settled on worker-1', () => installed(['worker-1']), SLOW);
    expect(h.kataConfig()?.status?.kataNodes?.nodeCount).toBe(1);
    const workerTarget = h.poolTarget('worker');
    await waitFor(
      'worker-0 and worker-2 back on the worker config',
      () =>
        h.currentConfig('worker-0') === workerTarget &&
        h.currentConfig('worker-2') === workerTarget,
      SLOW,
    );
    expect(h.currentConfig('worker-1')).toBe(h.poolTarget('kata-oc'));
  });

  it('uninstalls through the simulator: nodes back on worker, objects gone', async () => {
    h.delete(KC, 'KataConfig', NAME);
    await waitFor('KataConfig gone', () => h.kataConfig() === null, SLOW);
    expect(h.kataLabelledNodes()).toEqual([]);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([]);
    expect(h.pool('kata-oc')).toBeNull();
    const workerTarget = h.poolTarget('worker');
    for (const node of WORKERS) expect(h.currentConfig(node)).toBe(workerTarget);
    await waitFor(
      'RuntimeClass collected',
      () => h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') === null,
      SLOW,
    );
  });

  it('reports a degraded node during install, survives SIGKILL, and recovers', async () => {
    annotateNode('worker-2', { [FAULT]: 'fail-update', [FAULT_REASON]: 'disk on fire' });
    h.create(KC, 'KataConfig', {
      metadata: { name: NAME },
      spec: { checkNodeEligibility: false },
    });
    await waitFor(
      'Failed naming worker-2',
      () =>
        h.inProgress()?.reason === 'Failed' &&
        h.inProgress()?.message === 'Node worker-2 Degraded: disk on fire',
      SLOW,
    );
    expect(h.inProgress()?.status).toBe('True');
    expect(h.kataConfig()?.status?.kataNodes?.failedToInstall).toEqual(['worker-2']);
    expect(h.get('node.k8s.io/v1', 'RuntimeClass', 'kata')).toBeNull();

    // Killed mid-rollout: no graceful shutdown, the Lease is left held.
    expect(await h.stopReconciler(reconciler, 'SIGKILL')).toBeNull();
    await h.startLeader('replica-b', SLOW);
    annotateNode('worker-2', { [FAULT]: null, [FAULT_REASON]: null });
    await waitFor('installed after recovery', () => installed(WORKERS), SLOW);
    const kc = h.kataConfig();
    expect(kc?.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);
    expect(kc?.status?.runtimeClasses).toEqual(['kata']);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([
      '50-enable-sandboxed-containers-extension',
    ]);
    expect(
      h
        .list(MCO_V1, 'MachineConfigPool')
        .map((p) => (p.metadata as { name: string }).name)
        .sort(),
    ).toEqual(['kata-oc', 'master', 'worker']);
    expect(
      h.list('node.k8s.io/v1', 'RuntimeClass').map((r) => (r.metadata as { name: string }).name),
    ).toEqual(['kata']);
    expect(h.list(MCO_V1, 'ContainerRuntimeConfig')).toEqual([]);
    for (const node of WORKERS) expect(h.currentConfig(node)).toBe(h.poolTarget('kata-oc'));
  });

  it('handles a worker added to and one removed from the cluster', async () => {
    h.create('v1', 'Node', {
      metadata: {
        name: 'worker-3',
        labels: {
          'kubernetes.io/hostname': 'worker-3',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': 'us-east-1a',
          'node-role.kubernetes.io/worker': '',
        },
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    await waitFor('worker-3 labelled', () => h.kataLabelledNodes().includes('worker-3'), SLOW);
    const four = [...WORKERS, 'worker-3'];
    await waitFor('installed on four workers', () => installed(four), SLOW);
    expect(h.currentConfig('worker-3')).toBe(h.poolTarget('kata-oc'));
    expect(h.kataConfig()?.status?.kataNodes?.nodeCount).toBe(4);

    h.delete('v1', 'Node', 'worker-0');
    const three = ['worker-1', 'worker-2', 'worker-3'];
    await waitFor('installed on the remaining three', () => installed(three), SLOW);
    expect(h.kataConfig()?.status?.kataNodes?.nodeCount).toBe(3);
    expect(h.kataLabelledNodes()).toEqual(three);
    expect(h.kataConfig()?.status?.runtimeClasses).toEqual(['kata']);
  });
});
