/**
 * The bundled reconciler against the local cluster's MCO simulator (render, node controller,
 * drain and daemons): nothing here plays the MCO. One cluster, in order: a clean install, logLevel,
 * a selector change, uninstall, then a second install with a failing node during which the
 * reconciler is killed with SIGKILL and replaced, and finally a worker added and one removed.
 */
import type { KataConfig } from '../../src/shared/kataconfig';
import type { RuntimeClass } from '../../src/shared/k8s';
import type { MachineConfigPool } from '../../src/shared/mco';
import { Harness, MCO, waitFor } from './harness';
import type { Reconciler } from './harness';

jest.setTimeout(120_000);

const KC = 'kataconfiguration.openshift.io/v1';
const MCO_V1 = `${MCO}/v1`;
const KATA_LABEL = 'node-role.kubernetes.io/kata-oc';
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
const FAULT = 'sim.kata-local/fault';
const FAULT_REASON = 'sim.kata-local/fault-reason';
const NAME = 'example-kataconfig';
/** Generous: a loaded 2-core machine, and a reconciler that still has to compile with ts-node. */
const SLOW = 60_000;

interface NodeMeta {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('bundled reconciler with the MCO simulator', () => {
  let h: Harness;
  let reconciler: Reconciler;

  const kataConfig = (): KataConfig | null => h.get(KC, 'KataConfig', NAME);
  const condition = () => kataConfig()?.status?.conditions?.find((c) => c.type === 'InProgress');
  const nodes = (): NodeMeta[] =>
    h.list('v1', 'Node').map((n) => n.metadata as unknown as NodeMeta);
  const labelled = (): string[] =>
    nodes()
      .filter((n) => Object.hasOwn(n.labels ?? {}, KATA_LABEL))
      .map((n) => n.name)
      .sort();
  const pool = (name: string): MachineConfigPool | null => h.get(MCO_V1, 'MachineConfigPool', name);
  const poolTarget = (name: string): string => pool(name)?.spec?.configuration?.name ?? '';
  const currentConfig = (node: string): string =>
    nodes().find((n) => n.name === node)?.annotations?.[`${MCO}/currentConfig`] ?? '';
  const installed = (names: string[]): boolean => {
    const kc = kataConfig();
    const c = condition();
    return (
      c?.status === 'False' &&
      c.reason === '' &&
      JSON.stringify(kc?.status?.kataNodes?.installed ?? []) === JSON.stringify(names) &&
      kc?.status?.kataNodes?.readyNodeCount === names.length
    );
  };
  const eventReasons = (): string[] =>
    h
      .list('v1', 'Event', 'default')
      .filter((e) => (e.involvedObject as { name?: string }).name === NAME)
      .map((e) => (typeof e.reason === 'string' ? e.reason : ''));
  const ours = (apiVersion: string, kind: string): string[] =>
    h
      .list(apiVersion, kind)
      .map((o) => o.metadata as { name: string; labels?: Record<string, string> })
      .filter((m) => m.labels?.[MANAGED_BY] === 'kata-console-plugin')
      .map((m) => m.name)
      .sort();
  const annotateNode = (node: string, annotations: Record<string, string | null>): void => {
    h.patch('v1', 'Node', node, { metadata: { annotations } });
  };

  beforeAll(async () => {
    h = await Harness.start(3, 200);
    reconciler = h.startReconciler('replica-a');
    await waitFor(
      'replica-a to lead',
      () => reconciler.logs.some((l) => l.msg === 'became leader'),
      SLOW,
    );
  });

  afterAll(async () => {
    await h.stop();
  });

  it('installs on every worker, driven by the simulator, then creates RuntimeClass kata', async () => {
    expect(labelled()).toEqual([]);
    h.create(KC, 'KataConfig', {
      metadata: { name: NAME },
      spec: { checkNodeEligibility: false, logLevel: 'info' },
    });
    await waitFor('installed on all workers', () => installed(WORKERS), SLOW);
    const kc = kataConfig();
    expect(kc?.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);
    expect(kc?.status?.runtimeClasses).toEqual(['kata']);
    expect(kc?.status?.waitingForMcoToStart ?? false).toBe(false);
    expect(kc?.status?.kataNodes).toMatchObject({ nodeCount: 3, readyNodeCount: 3 });
    expect(labelled()).toEqual(WORKERS);
    const target = poolTarget('kata-oc');
    expect(target).toMatch(/^rendered-kata-oc-/);
    for (const node of WORKERS) expect(currentConfig(node)).toBe(target);
    const rc = h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') as RuntimeClass | null;
    expect(rc?.handler).toBe('kata');
    expect(rc?.metadata?.ownerReferences?.[0]?.uid).toBe(kc?.metadata?.uid);
    expect(ours(MCO_V1, 'MachineConfig')).toEqual(['50-enable-sandboxed-containers-extension']);
    expect(ours(MCO_V1, 'MachineConfigPool')).toEqual(['kata-oc']);
    expect(eventReasons()).toEqual(
      expect.arrayContaining(['InstallStarted', 'MachineConfigCreated', 'RuntimeClassCreated']),
    );
  });

  it('creates kata-crio-config for logLevel debug and deletes it back at info', async () => {
    h.patch(KC, 'KataConfig', NAME, { spec: { logLevel: 'debug' } });
    const crc = await waitFor(
      'kata-crio-config',
      () => h.get(MCO_V1, 'ContainerRuntimeConfig', 'kata-crio-config'),
      SLOW,
    );
    expect(crc.spec).toEqual({
      machineConfigPoolSelector: {
        matchLabels: { 'pools.operator.machineconfiguration.openshift.io/kata-oc': '' },
      },
      containerRuntimeConfig: { logLevel: 'debug' },
    });
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
        eventReasons().includes('ContainerRuntimeConfigCreated') &&
        eventReasons().includes('ContainerRuntimeConfigDeleted'),
      SLOW,
    );
  });

  it('relabels nodes on a selector change, reports Updating, then settles', async () => {
    h.patch('v1', 'Node', 'worker-1', { metadata: { labels: { 'example.com/kata': 'yes' } } });
    h.patch(KC, 'KataConfig', NAME, {
      spec: { kataConfigPoolSelector: { matchLabels: { 'example.com/kata': 'yes' } } },
    });
    await waitFor('only worker-1 labelled', () => labelled().join() === 'worker-1', SLOW);
    await waitFor('Updating reported', () => eventReasons().includes('Updating'), SLOW);
    expect(condition()?.reason === 'Updating' || installed(['worker-1'])).toBe(true);
    await waitFor('settled on worker-1', () => installed(['worker-1']), SLOW);
    expect(kataConfig()?.status?.kataNodes?.nodeCount).toBe(1);
    const workerTarget = poolTarget('worker');
    await waitFor(
      'worker-0 and worker-2 back on the worker config',
      () =>
        currentConfig('worker-0') === workerTarget && currentConfig('worker-2') === workerTarget,
      SLOW,
    );
    expect(currentConfig('worker-1')).toBe(poolTarget('kata-oc'));
  });

  it('uninstalls through the simulator: nodes back on worker, objects gone', async () => {
    h.delete(KC, 'KataConfig', NAME);
    await waitFor('KataConfig gone', () => kataConfig() === null, SLOW);
    expect(labelled()).toEqual([]);
    expect(ours(MCO_V1, 'MachineConfig')).toEqual([]);
    expect(pool('kata-oc')).toBeNull();
    const workerTarget = poolTarget('worker');
    for (const node of WORKERS) expect(currentConfig(node)).toBe(workerTarget);
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
        condition()?.reason === 'Failed' &&
        condition()?.message === 'Node worker-2 Degraded: disk on fire',
      SLOW,
    );
    expect(condition()?.status).toBe('True');
    expect(kataConfig()?.status?.kataNodes?.failedToInstall).toEqual(['worker-2']);
    expect(h.get('node.k8s.io/v1', 'RuntimeClass', 'kata')).toBeNull();

    // Killed mid-rollout: no graceful shutdown, the Lease is left held.
    expect(await h.stopReconciler(reconciler, 'SIGKILL')).toBeNull();
    const replacement = h.startReconciler('replica-b');
    await waitFor(
      'replica-b to lead',
      () => replacement.logs.some((l) => l.msg === 'became leader'),
      SLOW,
    );
    annotateNode('worker-2', { [FAULT]: null, [FAULT_REASON]: null });
    await waitFor('installed after recovery', () => installed(WORKERS), SLOW);
    const kc = kataConfig();
    expect(kc?.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);
    expect(kc?.status?.runtimeClasses).toEqual(['kata']);
    expect(ours(MCO_V1, 'MachineConfig')).toEqual(['50-enable-sandboxed-containers-extension']);
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
    for (const node of WORKERS) expect(currentConfig(node)).toBe(poolTarget('kata-oc'));
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
    await waitFor('worker-3 labelled', () => labelled().includes('worker-3'), SLOW);
    const four = [...WORKERS, 'worker-3'];
    await waitFor('installed on four workers', () => installed(four), SLOW);
    expect(currentConfig('worker-3')).toBe(poolTarget('kata-oc'));
    expect(kataConfig()?.status?.kataNodes?.nodeCount).toBe(4);

    h.delete('v1', 'Node', 'worker-0');
    const three = ['worker-1', 'worker-2', 'worker-3'];
    await waitFor('installed on the remaining three', () => installed(three), SLOW);
    expect(kataConfig()?.status?.kataNodes?.nodeCount).toBe(3);
    expect(labelled()).toEqual(three);
    expect(kataConfig()?.status?.runtimeClasses).toEqual(['kata']);
  });
});
