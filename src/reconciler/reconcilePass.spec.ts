/**
 * Install passes against a store-backed fake API: a relabelling on an installed cluster reports
 * Updating; a rollout that finished without the pool ever being seen Updating does not leave the
 * KataConfig waiting for ever; logLevel back to info deletes our ContainerRuntimeConfig only.
 */
import type { KataConfig } from '../shared/kataconfig';
import type { Node } from '../shared/k8s';
import type { MachineConfigPool } from '../shared/mco';
import type { Logger } from './logger';
import { ReconcilerMetrics } from './metrics';
import { Reconciler } from './reconcile';
import type { KubeApi } from './rest';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

const MC = '/apis/machineconfiguration.openshift.io/v1';
const KC = '/apis/kataconfiguration.openshift.io/v1/kataconfigs';
const KATA = 'node-role.kubernetes.io/kata-oc';
const WORKER = 'node-role.kubernetes.io/worker';
const MANAGED = { 'app.kubernetes.io/managed-by': 'kata-console-plugin' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386 merge patch. */
const merge = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(result, key);
    else result[key] = merge(result[key], value);
  }
  return result;
};

const pool = (name: string, rendered: string, updating = false): MachineConfigPool => ({
  metadata: { name },
  spec: { configuration: { name: rendered } },
  status: {
    conditions: [
      { type: 'Updated', status: updating ? 'False' : 'True' },
      { type: 'Updating', status: updating ? 'True' : 'False' },
    ],
  },
});

const node = (name: string, kata: boolean, config: string, state = 'Done'): Node => ({
  metadata: {
    name,
    labels: { [WORKER]: '', ...(kata ? { [KATA]: '' } : {}) },
    annotations: {
      'machineconfiguration.openshift.io/state': state,
      'machineconfiguration.openshift.io/currentConfig': config,
      'machineconfiguration.openshift.io/desiredConfig': config,
      'machineconfiguration.openshift.io/reason': '',
    },
  },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

const setup = () => {
  const store = new Map<string, unknown>();
  const deleted: string[] = [];
  const nameOf = (body: unknown): string =>
    (body as { metadata?: { name?: string } }).metadata?.name ?? '';
  const api: KubeApi = {
    get: <T>(path: string) => Promise.resolve((store.get(path) ?? null) as T | null),
    list: () => Promise.resolve({ items: [] }),
    create: <T>(collection: string, body: unknown) => {
      store.set(`${collection}/${nameOf(body)}`, body);
      return Promise.resolve(body as T);
    },
    replace: <T>(path: string, body: unknown) => {
      store.set(path.replace(/\/status$/, ''), body);
      return Promise.resolve(body as T);
    },
    mergePatch: <T>(path: string, body: unknown) => {
      const next = merge(store.get(path), body);
      store.set(path, next);
      return Promise.resolve(next as T);
    },
    remove: (path: string) => {
      deleted.push(path);
      return Promise.resolve(store.delete(path));
    },
  };
  const ofPrefix = <T>(prefix: string): T[] =>
    [...store.entries()]
      .filter(
        ([key]) => key.startsWith(`${prefix}/`) && !key.slice(prefix.length + 1).includes('/'),
      )
      .map(([, value]) => value as T);
  const reconciler = new Reconciler({
    api,
    cache: {
      kataConfigs: () => ofPrefix<KataConfig>(KC),
      nodes: () => ofPrefix<Node>('/api/v1/nodes'),
      pools: () => ofPrefix<MachineConfigPool>(`${MC}/machineconfigpools`),
    },
    events: { emit: () => Promise.resolve() },
    log: silent,
    metrics: new ReconcilerMetrics(),
    upstream: () => Promise.resolve({ present: false }),
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  const put = (path: string, obj: object) => {
    store.set(`${path}/${nameOf(obj)}`, obj);
  };
  const kc = (): KataConfig => store.get(`${KC}/example`) as KataConfig;
  const inProgress = () => kc().status?.conditions?.find((c) => c.type === 'InProgress');
  return { store, deleted, reconciler, put, kc, inProgress };
};

/** An installed cluster: two workers on kata-oc, MachineConfig, pools and RuntimeClass in place. */
const installed = (spec: KataConfig['spec'] = { checkNodeEligibility: false }) => {
  const t = setup();
  t.put(`${MC}/machineconfigpools`, pool('master', 'rendered-master-1'));
  t.put(`${MC}/machineconfigpools`, pool('worker', 'rendered-worker-1'));
  t.put(`${MC}/machineconfigpools`, pool('kata-oc', 'rendered-kata-oc-1'));
  t.put(`${MC}/machineconfigs`, { metadata: { name: 'rendered-worker-1' }, spec: {} });
  t.put(`${MC}/machineconfigs`, {
    metadata: { name: 'rendered-kata-oc-1' },
    spec: { extensions: ['sandboxed-containers'] },
  });
  t.put(`${MC}/machineconfigs`, {
    metadata: { name: '50-enable-sandboxed-containers-extension', labels: MANAGED },
  });
  t.put('/apis/node.k8s.io/v1/runtimeclasses', { metadata: { name: 'kata' } });
  t.put('/api/v1/nodes', node('w-0', true, 'rendered-kata-oc-1'));
  t.put('/api/v1/nodes', node('w-1', true, 'rendered-kata-oc-1'));
  t.put(KC, {
    metadata: {
      name: 'example',
      resourceVersion: '1',
      finalizers: ['kataconfiguration.openshift.io/finalizer'],
    },
    spec,
    status: {
      runtimeClasses: ['kata'],
      kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['w-0', 'w-1'] },
      conditions: [
        {
          type: 'InProgress',
          status: 'False',
          reason: '',
          message: '',
          lastTransitionTime: '2024-12-31T00:00:00Z',
        },
      ],
      waitingForMcoToStart: false,
    },
  });
  return t;
};

describe('install passes', () => {
  it('reports Updating on a relabelling and settles once the nodes are on their pools', async () => {
    const t = installed();
    t.put(KC, {
      ...t.kc(),
      spec: {
        checkNodeEligibility: false,
        kataConfigPoolSelector: { matchLabels: { 'kubernetes.io/hostname': 'w-1' } },
      },
    });
    t.store.set(
      '/api/v1/nodes/w-1',
      merge(t.store.get('/api/v1/nodes/w-1'), {
        metadata: { labels: { 'kubernetes.io/hostname': 'w-1' } },
      }),
    );
    await t.reconciler.reconcile('example');
    expect(t.inProgress()).toMatchObject({ status: 'True', reason: 'Updating' });
    expect(t.kc().status?.waitingForMcoToStart).toBe(true);
    expect((t.store.get('/api/v1/nodes/w-0') as Node).metadata?.labels).not.toHaveProperty([KATA]);

    // w-0 is still on the kata-oc config: keep waiting (the worker pool never said Updating).
    await t.reconciler.reconcile('example');
    expect(t.inProgress()?.reason).toBe('Updating');
    expect(t.kc().status?.waitingForMcoToStart).toBe(true);

    // The MCO rolled w-0 back unseen: the pass stops waiting and resets the condition.
    t.put('/api/v1/nodes', {
      ...node('w-0', false, 'rendered-worker-1'),
    });
    await t.reconciler.reconcile('example');
    expect(t.inProgress()).toMatchObject({ status: 'False', reason: '' });
    expect(t.kc().status?.waitingForMcoToStart).toBe(false);
    expect(t.kc().status?.kataNodes).toMatchObject({ nodeCount: 1, installed: ['w-1'] });
  });

  it('does not stop waiting while a node is not Done on its target', async () => {
    const t = installed();
    t.put(KC, { ...t.kc(), status: { ...t.kc().status, waitingForMcoToStart: true } });
    t.put('/api/v1/nodes', node('w-1', true, 'rendered-kata-oc-1', 'Working'));
    await t.reconciler.reconcile('example');
    expect(t.kc().status?.waitingForMcoToStart).toBe(true);
    t.put('/api/v1/nodes', node('w-1', true, 'rendered-kata-oc-1'));
    await t.reconciler.reconcile('example');
    expect(t.kc().status?.waitingForMcoToStart).toBe(false);
  });

  it('does not stop waiting when the kata-oc target lacks the extension', async () => {
    const t = installed();
    t.put(KC, { ...t.kc(), status: { ...t.kc().status, waitingForMcoToStart: true } });
    t.put(`${MC}/machineconfigs`, { metadata: { name: 'rendered-kata-oc-1' }, spec: {} });
    await t.reconciler.reconcile('example');
    expect(t.kc().status?.waitingForMcoToStart).toBe(true);
  });

  it('deletes our kata-crio-config when logLevel goes back to info, and leaves a foreign one', async () => {
    const path = `${MC}/containerruntimeconfigs/kata-crio-config`;
    const t = installed({ checkNodeEligibility: false, logLevel: 'debug' });
    await t.reconciler.reconcile('example');
    expect(t.store.get(path)).toMatchObject({
      spec: { containerRuntimeConfig: { logLevel: 'debug' } },
    });
    t.put(KC, { ...t.kc(), spec: { checkNodeEligibility: false, logLevel: 'info' } });
    await t.reconciler.reconcile('example');
    expect(t.store.get(path)).toBeUndefined();
    expect(t.deleted).toEqual([path]);

    const foreign = {
      metadata: { name: 'kata-crio-config' },
      spec: { containerRuntimeConfig: { logLevel: 'debug' } },
    };
    t.store.set(path, foreign);
    await t.reconciler.reconcile('example');
    expect(t.store.get(path)).toBe(foreign);
  });
});

describe('a KataConfig deleted during an update', () => {
  it('lets the update finish (install pass) before the uninstall starts', async () => {
    const t = installed();
    const status = t.kc().status;
    t.put(KC, {
      ...t.kc(),
      metadata: { ...t.kc().metadata, deletionTimestamp: '2025-01-01T00:00:00Z' },
      status: {
        ...status,
        conditions: [
          {
            type: 'InProgress',
            status: 'True',
            reason: 'Updating',
            message: 'Adding and/or removing kata-enabled nodes',
            lastTransitionTime: '2024-12-31T00:00:00Z',
          },
        ],
      },
    });
    // The MCO is done: the install pass resets the condition; nothing is undone yet.
    await t.reconciler.reconcile('example');
    expect(t.inProgress()).toMatchObject({ status: 'False', reason: '' });
    expect(
      t.store.get(`${MC}/machineconfigs/50-enable-sandboxed-containers-extension`),
    ).toBeDefined();
    expect((t.store.get('/api/v1/nodes/w-0') as Node).metadata?.labels).toHaveProperty([KATA]);
    expect(t.deleted).toEqual([]);

    // The next pass uninstalls.
    await t.reconciler.reconcile('example');
    expect(t.inProgress()).toMatchObject({ status: 'True', reason: 'Uninstalling' });
    expect(t.deleted).toEqual([`${MC}/machineconfigs/50-enable-sandboxed-containers-extension`]);
    expect((t.store.get('/api/v1/nodes/w-0') as Node).metadata?.labels).not.toHaveProperty([KATA]);
  });
});
