/**
 * The bundled reconciler end to end: the real process (client-node informers, HTTPS, Lease)
 * against the local cluster, with the test playing the MCO. One KataConfig lifecycle, in order.
 */
import type { RuntimeClass } from '../../src/shared/k8s';
import type { MachineConfigPool } from '../../src/shared/mco';
import { Harness, KC, MCO, waitFor } from './harness';
import type { Reconciler } from './harness';

jest.setTimeout(90_000);

const MCO_V1 = `${MCO}/v1`;
const KATA_LABEL = 'node-role.kubernetes.io/kata-oc';
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
/** Starting a replica (ts-node) takes long on a loaded 2-core machine. */
const STARTUP = 60_000;

describe('bundled reconciler', () => {
  let h: Harness;
  let first: Reconciler;

  const hasEvents = (reasons: string[]): Promise<boolean> =>
    waitFor(`events ${reasons.join(', ')}`, () => {
      const seen = h.eventReasons('example-kataconfig');
      return reasons.every((reason) => seen.includes(reason));
    });

  beforeAll(async () => {
    h = await Harness.start();
    first = await h.startLeader('replica-a', STARTUP);
  });

  afterAll(() => h.stop());

  it('installs: finalizer, node labels, MachineConfig, pool kata-oc, status Installing', async () => {
    h.create(KC, 'KataConfig', {
      metadata: { name: 'example-kataconfig' },
      spec: { checkNodeEligibility: false, logLevel: 'info' },
    });
    await waitFor('Installing', () => h.inProgress()?.reason === 'Installing');
    const kc = h.kataConfig();
    expect(kc?.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);
    expect(kc?.status?.waitingForMcoToStart).toBe(true);
    expect(h.inProgress()).toMatchObject({
      status: 'True',
      message: 'Performing initial installation of kata on cluster',
    });
    expect(h.kataLabelledNodes()).toEqual(WORKERS);
    const mc = h.extensionMachineConfig()!;
    expect(mc.metadata?.labels).toEqual({
      [`${MCO}/role`]: 'kata-oc',
      app: 'example-kataconfig',
      'app.kubernetes.io/managed-by': 'kata-console-plugin',
    });
    expect(mc.spec).toEqual({
      extensions: ['sandboxed-containers'],
      config: { ignition: { version: '3.2.0' } },
    });
    const pool = h.get(MCO_V1, 'MachineConfigPool', 'kata-oc') as MachineConfigPool;
    expect(pool.spec?.machineConfigSelector).toEqual({
      matchExpressions: [{ key: `${MCO}/role`, operator: 'In', values: ['kata-oc', 'worker'] }],
    });
    expect(pool.spec?.nodeSelector).toEqual({ matchLabels: { [KATA_LABEL]: '' } });
    expect(h.get('node.k8s.io/v1', 'RuntimeClass', 'kata')).toBeNull();
  });

  it('creates RuntimeClass kata once the pool has finished, and resets the condition', async () => {
    h.setPool('kata-oc', { updating: true, machineCount: 3, rendered: 'rendered-kata-oc-1' });
    for (const node of WORKERS) h.setNode(node, 'Working', 'rendered-worker-1');
    await waitFor(
      'installing list',
      () => h.kataConfig()?.status?.kataNodes?.installing?.length === 3,
    );
    expect(h.kataConfig()?.status?.waitingForMcoToStart ?? false).toBe(false);
    expect(h.get('node.k8s.io/v1', 'RuntimeClass', 'kata')).toBeNull();

    for (const node of WORKERS) h.setNode(node, 'Done', 'rendered-kata-oc-1');
    h.setPool('kata-oc', { updating: false, machineCount: 3 });
    await waitFor(
      'installed',
      () => h.inProgress()?.status === 'False' && h.inProgress()?.reason === '',
    );
    const kc = h.kataConfig();
    expect(kc?.status?.kataNodes).toMatchObject({
      nodeCount: 3,
      readyNodeCount: 3,
      installed: WORKERS,
    });
    expect(kc?.status?.runtimeClasses).toEqual(['kata']);
    const rc = await waitFor(
      'RuntimeClass',
      () => h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') as RuntimeClass | null,
    );
    expect(rc.handler).toBe('kata');
    expect(rc.overhead).toEqual({ podFixed: { cpu: '250m', memory: '350Mi' } });
    expect(rc.scheduling).toEqual({ nodeSelector: { [KATA_LABEL]: '' } });
    expect(rc.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'KataConfig',
        name: 'example-kataconfig',
        uid: kc?.metadata?.uid,
        controller: true,
      }),
    ]);
    expect(await hasEvents(['MachineConfigCreated', 'RuntimeClassCreated', 'Ready'])).toBe(true);
  });

  it('tells a second KataConfig why it is ignored', async () => {
    h.create(KC, 'KataConfig', {
      metadata: { name: 'second' },
      spec: { checkNodeEligibility: false },
    });
    await waitFor('Ignored', () => h.inProgress('second')?.reason === 'Ignored');
    expect(h.inProgress('second')?.status).toBe('False');
    expect(h.inProgress('second')?.message).toContain(
      'KataConfig "example-kataconfig" already configures kata',
    );
    expect(h.kataConfig('second')?.metadata?.finalizers ?? []).toEqual([]);
    h.delete(KC, 'KataConfig', 'second');
    expect(h.kataConfig('second')).toBeNull();
    expect(h.inProgress()?.reason).toBe('');
  });

  it('lets only one of two replicas lead', async () => {
    const second = h.startReconciler('replica-b');
    await waitFor(
      'replica-b caches',
      () => second.logs.some((l) => l.msg === 'caches synced'),
      STARTUP,
    );
    await waitFor('replica-b to follow', () => second.logs.some((l) => l.msg === 'following'));
    const lease = h.get(
      'coordination.k8s.io/v1',
      'Lease',
      'kata-console-plugin-reconciler',
      'default',
    );
    expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toBe('replica-a');
    expect(second.logs.some((l) => l.msg === 'became leader')).toBe(false);
    expect(await h.stopReconciler(second)).toBe(0);
  });

  it('blocks uninstall on a kata pod, naming it, and resumes once it is gone', async () => {
    h.create(
      'v1',
      'Pod',
      {
        metadata: { name: 'kata-pod', namespace: 'default' },
        spec: {
          runtimeClassName: 'kata',
          containers: [{ name: 'c', image: 'registry.example/app:1' }],
        },
      },
      'default',
    );
    h.delete(KC, 'KataConfig', 'example-kataconfig');
    await waitFor('blocked', () => h.inProgress()?.reason === 'BlockedByExistingKataPods');
    expect(h.inProgress()?.status).toBe('False');
    expect(h.inProgress()?.message).toBe(
      'existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed. Blocking pods (1): default/kata-pod',
    );
    expect(h.kataLabelledNodes()).toEqual(WORKERS);

    h.delete('v1', 'Pod', 'kata-pod', 'default');
    await waitFor('Uninstalling', () => h.inProgress()?.reason === 'Uninstalling');
    expect(h.kataLabelledNodes()).toEqual([]);
    expect(h.get(MCO_V1, 'MachineConfig', '50-enable-sandboxed-containers-extension')).toBeNull();
    expect(h.kataConfig()?.status?.waitingForMcoToStart).toBe(true);
    expect(h.get(MCO_V1, 'MachineConfigPool', 'kata-oc')).not.toBeNull();

    h.setPool('worker', { updating: true, machineCount: 3, rendered: 'rendered-worker-2' });
    for (const node of WORKERS) h.setNode(node, 'Working', 'rendered-kata-oc-1');
    await waitFor(
      'uninstalling list',
      () => h.kataConfig()?.status?.kataNodes?.uninstalling?.length === 3,
    );
    for (const node of WORKERS) h.setNode(node, 'Done', 'rendered-worker-2');
    h.setPool('worker', { updating: false, machineCount: 3 });
    await waitFor('KataConfig gone', () => h.kataConfig() === null);
    expect(h.get(MCO_V1, 'MachineConfigPool', 'kata-oc')).toBeNull();
    await waitFor(
      'RuntimeClass collected',
      () => h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') === null,
    );
    expect(h.get(MCO_V1, 'MachineConfigPool', 'worker')).not.toBeNull();
    expect(
      await hasEvents([
        'BlockedByExistingKataPods',
        'Uninstalling',
        'MachineConfigDeleted',
        'MachineConfigPoolDeleted',
        'Uninstalled',
      ]),
    ).toBe(true);
  });

  it('shuts down cleanly on SIGTERM and releases the Lease', async () => {
    expect(await h.stopReconciler(first)).toBe(0);
    const lease = h.get(
      'coordination.k8s.io/v1',
      'Lease',
      'kata-console-plugin-reconciler',
      'default',
    );
    expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toBe('');
    expect(first.logs.every((l) => !JSON.stringify(l).includes(h.cluster.tokens.admin))).toBe(true);
  });
});
