import type { Node } from '../k8s/types';
import { KATA_NODE_ROLE_LABEL } from './constants';
import {
  classifyNode,
  computeKataNodes,
  deriveKataConfigStatus,
  isConvergedCluster,
  isPoolUpdating,
  targetPoolNameForNode,
  withInProgressCondition,
} from './statusDerivation';
import type {
  PoolSnapshot,
  StatusDerivationInput,
  StatusDerivationResult,
} from './statusDerivation';
import { node, pool } from './testFixtures';
import type { KataConfigStatus } from './types';

const R_WORKER = 'rendered-worker-0123';
const R_KATA = 'rendered-kata-oc-4567';
const R_MASTER = 'rendered-master-89ab';
const R_MASTER_KATA = 'rendered-master-cdef';

const MASTERS = ['master-0', 'master-1', 'master-2'].map((name) =>
  node(name, { roles: ['master'], state: 'Done', currentConfig: R_MASTER }),
);

const inProgressOf = (status: KataConfigStatus) =>
  status.conditions?.find((condition) => condition.type === 'InProgress');

/** Runs one pass and returns the result; `previous` comes from the last pass. */
const pass = (
  previous: KataConfigStatus | null,
  rest: Omit<StatusDerivationInput, 'previous'>,
): StatusDerivationResult => deriveKataConfigStatus({ previous, ...rest });

describe('isConvergedCluster', () => {
  it('is true only for exactly two pools with an empty worker pool', () => {
    const master = pool('master', R_MASTER, { machineCount: 3 });
    expect(isConvergedCluster([master, pool('worker', R_WORKER, { machineCount: 0 })])).toBe(true);
    expect(isConvergedCluster([master, pool('worker', R_WORKER, { machineCount: 2 })])).toBe(false);
    expect(isConvergedCluster([master, pool('worker', R_WORKER), pool('kata-oc', R_KATA)])).toBe(
      false,
    );
    expect(isConvergedCluster([master, pool('infra', R_WORKER)])).toBe(false);
    expect(isConvergedCluster([])).toBe(false);
  });

  it('treats a worker pool without status as empty, as upstream reads a zero int', () => {
    expect(isConvergedCluster([pool('master', R_MASTER), { metadata: { name: 'worker' } }])).toBe(
      true,
    );
  });
});

describe('isPoolUpdating', () => {
  it('reads the Updating condition and tolerates missing status', () => {
    expect(isPoolUpdating(pool('kata-oc', R_KATA, { updating: true }))).toBe(true);
    expect(isPoolUpdating(pool('kata-oc', R_KATA))).toBe(false);
    expect(isPoolUpdating({ metadata: { name: 'kata-oc' } })).toBe(false);
    expect(isPoolUpdating(null)).toBe(false);
    expect(isPoolUpdating({ status: { conditions: null } })).toBe(false);
  });
});

describe('classifyNode', () => {
  const pools = [pool('worker', R_WORKER), pool('kata-oc', R_KATA), pool('master', R_MASTER)];
  const context = { pools, converged: false };

  it.each([
    // kata-oc label -> kata enabled, target = kata-oc's config
    ['Done', R_KATA, true, 'installed'],
    ['Done', R_WORKER, true, 'waitingToInstall'],
    ['Working', R_WORKER, true, 'installing'],
    ['Working', R_KATA, true, 'installing'],
    ['Degraded', R_WORKER, true, 'failedToInstall'],
    ['Unreconcilable', R_WORKER, true, 'failedToInstall'],
    // no kata-oc label -> kata disabled, target = worker's config
    ['Done', R_KATA, false, 'waitingToUninstall'],
    ['Working', R_KATA, false, 'uninstalling'],
    ['Degraded', R_KATA, false, 'failedToUninstall'],
  ])('state %s at %s (kata label: %s) -> %s', (state, currentConfig, labelled, list) => {
    const roles: ('worker' | 'kata')[] = labelled ? ['worker', 'kata'] : ['worker'];
    expect(classifyNode(node('n', { roles, state, currentConfig }), context)).toMatchObject({
      kind: 'listed',
      list,
    });
  });

  it('puts a Done worker at the worker config on no list', () => {
    const plain = node('n', { roles: ['worker'], state: 'Done', currentConfig: R_WORKER });
    expect(classifyNode(plain, context)).toEqual({ kind: 'notInstalled' });
  });

  it('uses the pool target, not desiredConfig, which the MCO sets only when it starts the node', () => {
    const queued = node('n', {
      roles: ['worker', 'kata'],
      state: 'Done',
      currentConfig: R_WORKER,
      desiredConfig: R_WORKER,
    });
    expect(classifyNode(queued, context)).toMatchObject({ list: 'waitingToInstall' });
  });

  it('carries the MCO reason of a failed node', () => {
    const degraded = node('n', {
      roles: ['worker', 'kata'],
      state: 'Degraded',
      currentConfig: R_WORKER,
      reason: 'failed to drain node',
    });
    expect(classifyNode(degraded, context)).toEqual({
      kind: 'listed',
      list: 'failedToInstall',
      failureReason: 'failed to drain node',
    });
  });

  it.each([
    [{ roles: ['worker'], currentConfig: R_WORKER }, 'missingState'],
    [{ roles: ['worker'], state: 'Done' }, 'missingCurrentConfig'],
    [{ roles: ['worker'], state: 'Rebooting', currentConfig: R_WORKER }, 'unknownState'],
    [{ roles: ['worker'], state: '', currentConfig: R_WORKER }, 'unknownState'],
  ] as const)('skips %j as %s', (options, problem) => {
    expect(classifyNode(node('n', { ...options, roles: [...options.roles] }), context)).toEqual({
      kind: 'skipped',
      problem,
    });
  });

  it('skips nodes whose target pool does not exist (yet)', () => {
    const labelled = node('n', { roles: ['worker', 'kata'], state: 'Done', currentConfig: R_KATA });
    expect(classifyNode(labelled, { pools: [pool('worker', R_WORKER)], converged: false })).toEqual(
      { kind: 'skipped', problem: 'missingPool' },
    );
  });

  it('treats a pool that is not rendered yet as a target no node is at', () => {
    const labelled = node('n', {
      roles: ['worker', 'kata'],
      state: 'Done',
      currentConfig: R_WORKER,
    });
    const unrendered = { pools: [pool('kata-oc', undefined)], converged: false };
    expect(classifyNode(labelled, unrendered)).toMatchObject({ list: 'waitingToInstall' });
  });

  it('on converged clusters targets master and takes kata-enabled from the rendered config', () => {
    const master = node('m', {
      roles: ['master', 'worker'],
      state: 'Done',
      currentConfig: R_MASTER,
    });
    expect(targetPoolNameForNode(master, true)).toBe('master');
    const convergedPools = [pool('master', R_MASTER_KATA), pool('worker', R_WORKER)];
    expect(
      classifyNode(master, { pools: convergedPools, converged: true, convergedKataEnabled: true }),
    ).toMatchObject({ list: 'waitingToInstall' });
    expect(
      classifyNode(master, { pools: convergedPools, converged: true, convergedKataEnabled: false }),
    ).toMatchObject({ list: 'waitingToUninstall' });
    expect(classifyNode(master, { pools: convergedPools, converged: true })).toEqual({
      kind: 'skipped',
      problem: 'kataEnabledUnknown',
    });
  });
});

describe('computeKataNodes', () => {
  const pools = [pool('worker', R_WORKER), pool('kata-oc', R_KATA), pool('master', R_MASTER)];

  it('counts nodes labelled kata-oc="" and lists only worker or kata-oc nodes, by name', () => {
    const nodes: Node[] = [
      node('worker-b', { roles: ['worker', 'kata'], state: 'Done', currentConfig: R_KATA }),
      node('worker-a', { roles: ['worker', 'kata'], state: 'Working', currentConfig: R_WORKER }),
      node('worker-c', { roles: ['worker'], state: 'Done', currentConfig: R_WORKER }),
      ...MASTERS,
      // A master in a Working state is not ours to report on non-converged clusters.
      node('master-9', { roles: ['master'], state: 'Working', currentConfig: R_MASTER }),
    ];
    const { kataNodes, skipped } = computeKataNodes(nodes, { pools, converged: false });
    expect(kataNodes).toEqual({
      nodeCount: 2,
      readyNodeCount: 1,
      installed: ['worker-b'],
      installing: ['worker-a'],
      waitingToInstall: [],
      failedToInstall: [],
      uninstalling: [],
      waitingToUninstall: [],
      failedToUninstall: [],
    });
    expect(skipped).toEqual([]);
  });

  it('does not count a kata-oc label with a non-empty value, as upstream matches ""', () => {
    const odd = node('worker-x', { roles: ['worker'], state: 'Done', currentConfig: R_KATA });
    odd.metadata = {
      ...odd.metadata,
      labels: { ...odd.metadata?.labels, [KATA_NODE_ROLE_LABEL]: 'true' },
    };
    const { kataNodes } = computeKataNodes([odd], { pools, converged: false });
    expect(kataNodes.nodeCount).toBe(0);
    expect(kataNodes.installed).toEqual(['worker-x']);
  });

  it('classifies a kata-oc node that lost its worker label (upstream would drop it)', () => {
    const kataOnly = node('infra-0', { roles: ['kata'], state: 'Done', currentConfig: R_KATA });
    const { kataNodes } = computeKataNodes([kataOnly], { pools, converged: false });
    expect(kataNodes.installed).toEqual(['infra-0']);
    expect(kataNodes.nodeCount).toBe(1);
  });

  it('reports nodes it cannot classify and survives malformed entries', () => {
    const nodes = [
      null,
      {},
      { metadata: { name: 'no-labels' } },
      {
        metadata: {
          name: 'bad-annotations',
          labels: { 'node-role.kubernetes.io/worker': '' },
          annotations: 'x',
        },
      },
      node('worker-0', { roles: ['worker'] }),
    ] as unknown as Node[];
    const result = computeKataNodes(nodes, { pools, converged: false });
    expect(result.skipped).toEqual([
      { nodeName: 'bad-annotations', problem: 'missingState' },
      { nodeName: 'worker-0', problem: 'missingState' },
    ]);
    expect(result.kataNodes.nodeCount).toBe(0);
  });
});

describe('withInProgressCondition', () => {
  it('keeps lastTransitionTime when nothing visible changed and keeps other conditions', () => {
    const before = [
      { type: 'Other', status: 'True' },
      {
        type: 'InProgress',
        status: 'True',
        reason: 'Installing',
        message: 'm',
        lastTransitionTime: 't0',
      },
    ];
    const same = withInProgressCondition(
      before,
      { status: 'True', reason: 'Installing', message: 'm' },
      't1',
    );
    expect(same).toEqual(before);
    const changed = withInProgressCondition(
      before,
      { status: 'True', reason: 'Installing', message: 'n' },
      't1',
    );
    expect(changed[1]).toMatchObject({ message: 'n', lastTransitionTime: 't1' });
    expect(
      withInProgressCondition(null, { status: 'False', reason: '', message: '' }, 't2'),
    ).toEqual([
      { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: 't2' },
    ]);
  });
});

describe('install of two workers (docs appendix, step by step)', () => {
  const workersAt = (states: Record<'worker-0' | 'worker-1', [string, string]>, labelled = true) =>
    (['worker-0', 'worker-1'] as const).map((name) =>
      node(name, {
        roles: labelled ? ['worker', 'kata'] : ['worker'],
        state: states[name][0],
        currentConfig: states[name][1],
      }),
    );
  const poolsWith = (kataOc: PoolSnapshot): PoolSnapshot[] => [
    pool('master', R_MASTER, { machineCount: 3 }),
    pool('worker', R_WORKER, { machineCount: 0 }),
    kataOc,
  ];

  it('walks Installing -> waitingToInstall -> installing -> installed -> done', () => {
    // 1. MC created and nodes labelled; the MCO has not picked the change up yet.
    const step1 = pass(null, {
      nodes: [
        ...MASTERS,
        ...workersAt({ 'worker-0': ['Done', R_WORKER], 'worker-1': ['Done', R_WORKER] }),
      ],
      pools: poolsWith(pool('kata-oc', undefined)),
      pass: { kind: 'install', machineConfigCreated: true, nodeLabelsChanged: true },
      now: 't1',
    });
    expect(step1.outcome).toBe('waitingForMcoToStart');
    expect(step1.status).toEqual({
      runtimeClasses: [],
      kataNodes: { nodeCount: 0, readyNodeCount: 0 },
      conditions: [
        {
          type: 'InProgress',
          status: 'True',
          reason: 'Installing',
          message: 'Performing initial installation of kata on cluster',
          lastTransitionTime: 't1',
        },
      ],
      waitingForMcoToStart: true,
    });

    // 2. Pool kata-oc rendered and Updating: both nodes queued.
    const updatingPools = poolsWith(pool('kata-oc', R_KATA, { updating: true, machineCount: 2 }));
    const step2 = pass(step1.status, {
      nodes: [
        ...MASTERS,
        ...workersAt({ 'worker-0': ['Done', R_WORKER], 'worker-1': ['Done', R_WORKER] }),
      ],
      pools: updatingPools,
      pass: { kind: 'install' },
      now: 't2',
    });
    expect(step2.outcome).toBe('waitingForMco');
    expect(step2.status.waitingForMcoToStart).toBe(false);
    expect(step2.status.kataNodes).toEqual({
      nodeCount: 2,
      readyNodeCount: 0,
      waitingToInstall: ['worker-0', 'worker-1'],
    });
    expect(inProgressOf(step2.status)).toMatchObject({
      reason: 'Installing',
      lastTransitionTime: 't1',
    });

    // 3. worker-1 is being updated.
    const step3 = pass(step2.status, {
      nodes: workersAt({ 'worker-0': ['Done', R_WORKER], 'worker-1': ['Working', R_WORKER] }),
      pools: updatingPools,
      pass: { kind: 'install' },
      now: 't3',
    });
    expect(step3.status.kataNodes).toEqual({
      nodeCount: 2,
      readyNodeCount: 0,
      installing: ['worker-1'],
      waitingToInstall: ['worker-0'],
    });

    // 4. worker-1 done, worker-0 in progress.
    const step4 = pass(step3.status, {
      nodes: workersAt({ 'worker-0': ['Working', R_WORKER], 'worker-1': ['Done', R_KATA] }),
      pools: updatingPools,
      pass: { kind: 'install' },
      now: 't4',
    });
    expect(step4.status.kataNodes).toEqual({
      nodeCount: 2,
      readyNodeCount: 1,
      installed: ['worker-1'],
      installing: ['worker-0'],
    });
    expect(inProgressOf(step4.status)?.status).toBe('True');

    // 5. Pool idle: InProgress resets and both nodes are installed.
    const step5 = pass(step4.status, {
      nodes: workersAt({ 'worker-0': ['Done', R_KATA], 'worker-1': ['Done', R_KATA] }),
      pools: poolsWith(pool('kata-oc', R_KATA, { machineCount: 2 })),
      pass: { kind: 'install' },
      now: 't5',
    });
    expect(step5.outcome).toBe('mcoDone');
    expect(step5.status).toEqual({
      runtimeClasses: [],
      kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['worker-0', 'worker-1'] },
      conditions: [
        { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: 't5' },
      ],
      waitingForMcoToStart: false,
    });

    // A later pass with nothing new produces an identical status, timestamp included.
    const idle = pass(step5.status, {
      nodes: workersAt({ 'worker-0': ['Done', R_KATA], 'worker-1': ['Done', R_KATA] }),
      pools: poolsWith(pool('kata-oc', R_KATA, { machineCount: 2 })),
      pass: { kind: 'install' },
      now: 't6',
    });
    expect(idle.status).toEqual(step5.status);
  });

  it('marks a node-pool change that starts while idle as Updating', () => {
    const installed: KataConfigStatus = {
      runtimeClasses: ['kata'],
      kataNodes: { nodeCount: 1, readyNodeCount: 1, installed: ['worker-0'] },
      conditions: [
        { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: 't0' },
      ],
    };
    const nodes = [
      node('worker-0', { roles: ['worker', 'kata'], state: 'Done', currentConfig: R_KATA }),
      node('worker-1', { roles: ['worker', 'kata'], state: 'Done', currentConfig: R_WORKER }),
    ];
    const labelled = pass(installed, {
      nodes,
      pools: poolsWith(pool('kata-oc', R_KATA)),
      pass: { kind: 'install', nodeLabelsChanged: true },
      now: 't1',
    });
    expect(labelled.outcome).toBe('waitingForMcoToStart');
    expect(inProgressOf(labelled.status)).toMatchObject({
      status: 'False',
      lastTransitionTime: 't0',
    });
    expect(labelled.status.runtimeClasses).toEqual(['kata']);

    const started = pass(labelled.status, {
      nodes,
      pools: poolsWith(pool('kata-oc', R_KATA, { updating: true })),
      pass: { kind: 'install' },
      now: 't2',
    });
    expect(inProgressOf(started.status)).toEqual({
      type: 'InProgress',
      status: 'True',
      reason: 'Updating',
      message: 'Adding and/or removing kata-enabled nodes',
      lastTransitionTime: 't2',
    });
    expect(started.status.kataNodes).toEqual({
      nodeCount: 2,
      readyNodeCount: 1,
      installed: ['worker-0'],
      waitingToInstall: ['worker-1'],
    });
  });

  it('reports a degraded node as Failed, naming the last failed node as upstream does', () => {
    const nodes = [
      node('worker-0', {
        roles: ['worker', 'kata'],
        state: 'Degraded',
        currentConfig: R_WORKER,
        reason: 'disk full',
      }),
      node('worker-1', {
        roles: ['worker', 'kata'],
        state: 'Unreconcilable',
        currentConfig: R_WORKER,
      }),
    ];
    const result = pass(null, {
      nodes,
      pools: poolsWith(pool('kata-oc', R_KATA, { updating: true })),
      pass: { kind: 'install' },
      now: 't1',
    });
    expect(result.outcome).toBe('waitingForMco');
    expect(result.failures).toEqual([
      { nodeName: 'worker-0', list: 'failedToInstall', reason: 'disk full' },
      { nodeName: 'worker-1', list: 'failedToInstall', reason: '' },
    ]);
    expect(result.status.kataNodes?.failedToInstall).toEqual(['worker-0', 'worker-1']);
    expect(inProgressOf(result.status)).toMatchObject({
      status: 'True',
      reason: 'Failed',
      message: 'Node worker-1 Degraded: ',
    });
  });
});

describe('uninstall of two workers (step by step)', () => {
  const installed: KataConfigStatus = {
    runtimeClasses: ['kata'],
    kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['worker-0', 'worker-1'] },
    conditions: [
      { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: 't0' },
    ],
    waitingForMcoToStart: false,
  };
  // After unlabelling, nodes target pool worker again.
  const workers = (states: [string, string][]) =>
    states.map(([state, currentConfig], index) =>
      node(`worker-${index}`, { roles: ['worker'], state, currentConfig }),
    );
  const pools = (workerUpdating: boolean) => [
    pool('master', R_MASTER, { machineCount: 3 }),
    pool('worker', R_WORKER, { updating: workerUpdating, machineCount: 2 }),
    pool('kata-oc', R_KATA),
  ];

  it('walks Uninstalling -> waitingToUninstall -> uninstalling -> done', () => {
    const step1 = pass(installed, {
      nodes: workers([
        ['Done', R_KATA],
        ['Done', R_KATA],
      ]),
      pools: pools(false),
      pass: { kind: 'uninstall', nodeLabelsChanged: true },
      now: 't1',
    });
    expect(step1.outcome).toBe('waitingForMcoToStart');
    expect(step1.status.waitingForMcoToStart).toBe(true);
    expect(step1.status.kataNodes).toEqual(installed.kataNodes);
    expect(inProgressOf(step1.status)).toEqual({
      type: 'InProgress',
      status: 'True',
      reason: 'Uninstalling',
      message: 'Removing kata from cluster',
      lastTransitionTime: 't1',
    });

    const step2 = pass(step1.status, {
      nodes: workers([
        ['Done', R_KATA],
        ['Done', R_KATA],
      ]),
      pools: pools(true),
      pass: { kind: 'uninstall' },
      now: 't2',
    });
    expect(step2.outcome).toBe('waitingForMco');
    expect(step2.status.kataNodes).toEqual({
      nodeCount: 0,
      readyNodeCount: 0,
      waitingToUninstall: ['worker-0', 'worker-1'],
    });
    expect(inProgressOf(step2.status)?.lastTransitionTime).toBe('t1');

    const step3 = pass(step2.status, {
      nodes: workers([
        ['Working', R_KATA],
        ['Done', R_KATA],
      ]),
      pools: pools(true),
      pass: { kind: 'uninstall' },
      now: 't3',
    });
    expect(step3.status.kataNodes).toEqual({
      nodeCount: 0,
      readyNodeCount: 0,
      uninstalling: ['worker-0'],
      waitingToUninstall: ['worker-1'],
    });

    const step4 = pass(step3.status, {
      nodes: workers([
        ['Done', R_WORKER],
        ['Working', R_KATA],
      ]),
      pools: pools(true),
      pass: { kind: 'uninstall' },
      now: 't4',
    });
    expect(step4.status.kataNodes).toEqual({
      nodeCount: 0,
      readyNodeCount: 0,
      uninstalling: ['worker-1'],
    });

    const step5 = pass(step4.status, {
      nodes: workers([
        ['Done', R_WORKER],
        ['Done', R_WORKER],
      ]),
      pools: pools(false),
      pass: { kind: 'uninstall' },
      now: 't5',
    });
    expect(step5.outcome).toBe('mcoDone');
    expect(step5.status.kataNodes).toEqual({ nodeCount: 0, readyNodeCount: 0 });
    expect(inProgressOf(step5.status)).toMatchObject({
      status: 'False',
      reason: '',
      lastTransitionTime: 't5',
    });
  });

  it('blocks on kata pods without touching the node lists, then proceeds', () => {
    const blocked = pass(installed, {
      nodes: [],
      pools: pools(false),
      pass: { kind: 'uninstall', blockingPods: { runtimeClassName: 'kata' } },
      now: 't1',
    });
    expect(blocked.outcome).toBe('blockedByKataPods');
    expect(blocked.status.kataNodes).toEqual(installed.kataNodes);
    expect(inProgressOf(blocked.status)).toEqual({
      type: 'InProgress',
      status: 'False',
      reason: 'BlockedByExistingKataPods',
      message:
        'existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed',
      lastTransitionTime: 't1',
    });

    const detailed = pass(blocked.status, {
      nodes: [],
      pools: pools(false),
      pass: {
        kind: 'uninstall',
        blockingPods: { runtimeClassName: 'kata', podRefs: ['ns-a/pod-1', 'ns-b/pod-2'] },
      },
      now: 't2',
    });
    expect(inProgressOf(detailed.status)?.message).toBe(
      'existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed. Blocking pods (2): ns-a/pod-1, ns-b/pod-2',
    );

    const resumed = pass(detailed.status, {
      nodes: workers([
        ['Done', R_KATA],
        ['Done', R_KATA],
      ]),
      pools: pools(false),
      pass: { kind: 'uninstall', nodeLabelsChanged: true },
      now: 't3',
    });
    expect(inProgressOf(resumed.status)).toMatchObject({ reason: 'Uninstalling', status: 'True' });
  });

  it('keeps a Failed condition stable across passes although each pass restarts at Uninstalling', () => {
    const degraded = [
      node('worker-0', {
        roles: ['worker'],
        state: 'Degraded',
        currentConfig: R_KATA,
        reason: 'drain timeout',
      }),
    ];
    const first = pass(installed, {
      nodes: degraded,
      pools: pools(true),
      pass: { kind: 'uninstall' },
      now: 't1',
    });
    expect(first.status.kataNodes?.failedToUninstall).toEqual(['worker-0']);
    expect(inProgressOf(first.status)).toMatchObject({
      reason: 'Failed',
      message: 'Node worker-0 Degraded: drain timeout',
      lastTransitionTime: 't1',
    });
    const second = pass(first.status, {
      nodes: degraded,
      pools: pools(true),
      pass: { kind: 'uninstall' },
      now: 't2',
    });
    expect(inProgressOf(second.status)?.lastTransitionTime).toBe('t1');
  });
});

describe('converged (compact) clusters', () => {
  const R_MASTER_PLAIN = 'rendered-master-0000';
  const masters = (
    state: string,
    currentConfig: string,
    roles: ('master' | 'worker')[] = ['master', 'worker'],
  ) =>
    ['master-0', 'master-1', 'master-2'].map((name) => node(name, { roles, state, currentConfig }));
  const convergedPools = (target: string, updating: boolean) => [
    pool('master', target, { updating, machineCount: 3 }),
    pool('worker', R_WORKER, { machineCount: 0 }),
  ];

  it('installs on pool master, counting master nodes', () => {
    const step1 = pass(null, {
      nodes: masters('Done', R_MASTER_PLAIN),
      pools: convergedPools(R_MASTER_PLAIN, false),
      pass: { kind: 'install', machineConfigCreated: true },
      now: 't1',
    });
    expect(step1.converged).toBe(true);
    expect(step1.outcome).toBe('waitingForMcoToStart');
    expect(step1.status.waitingForMcoToStart).toBe(true);

    const step2 = pass(step1.status, {
      nodes: masters('Done', R_MASTER_PLAIN),
      pools: convergedPools(R_MASTER_KATA, true),
      convergedKataEnabled: true,
      pass: { kind: 'install' },
      now: 't2',
    });
    expect(step2.status.kataNodes).toEqual({
      nodeCount: 3,
      readyNodeCount: 0,
      waitingToInstall: ['master-0', 'master-1', 'master-2'],
    });

    const done = pass(step2.status, {
      nodes: masters('Done', R_MASTER_KATA),
      pools: convergedPools(R_MASTER_KATA, false),
      convergedKataEnabled: true,
      pass: { kind: 'install' },
      now: 't3',
    });
    expect(done.outcome).toBe('mcoDone');
    expect(done.status.kataNodes).toEqual({
      nodeCount: 3,
      readyNodeCount: 3,
      installed: ['master-0', 'master-1', 'master-2'],
    });
  });

  it('uninstalls when the MachineConfig is deleted; nodeCount keeps counting masters', () => {
    const installed = {
      kataNodes: {
        nodeCount: 3,
        readyNodeCount: 3,
        installed: ['master-0', 'master-1', 'master-2'],
      },
    };
    const step1 = pass(installed, {
      nodes: masters('Done', R_MASTER_KATA),
      pools: convergedPools(R_MASTER_KATA, false),
      convergedKataEnabled: true,
      pass: { kind: 'uninstall', machineConfigDeleted: true },
      now: 't1',
    });
    expect(step1.outcome).toBe('waitingForMcoToStart');

    const step2 = pass(step1.status, {
      nodes: masters('Working', R_MASTER_KATA),
      pools: convergedPools(R_MASTER_PLAIN, true),
      convergedKataEnabled: false,
      pass: { kind: 'uninstall' },
      now: 't2',
    });
    expect(step2.status.kataNodes).toEqual({
      nodeCount: 3,
      readyNodeCount: 0,
      uninstalling: ['master-0', 'master-1', 'master-2'],
    });

    const done = pass(step2.status, {
      nodes: masters('Done', R_MASTER_PLAIN),
      pools: convergedPools(R_MASTER_PLAIN, false),
      convergedKataEnabled: false,
      pass: { kind: 'uninstall' },
      now: 't3',
    });
    expect(done.outcome).toBe('mcoDone');
    expect(done.status.kataNodes).toEqual({ nodeCount: 3, readyNodeCount: 0 });
  });

  it('classifies masters that lack the worker label (KATA-1017)', () => {
    const result = pass(null, {
      nodes: masters('Done', R_MASTER_KATA, ['master']),
      pools: convergedPools(R_MASTER_KATA, false),
      convergedKataEnabled: true,
      pass: { kind: 'install' },
      now: 't1',
    });
    expect(result.status.kataNodes?.installed).toEqual(['master-0', 'master-1', 'master-2']);
  });
});

describe('deriveKataConfigStatus with malformed input', () => {
  it('never throws and keeps what it can of a garbled previous status', () => {
    const garbled = {
      runtimeClasses: [1, 'kata', null],
      kataNodes: 'nope',
      conditions: 'nope',
      waitingForMcoToStart: 'yes',
    } as unknown as KataConfigStatus;
    const result = deriveKataConfigStatus({
      previous: garbled,
      nodes: null as unknown as Node[],
      pools: [null, { metadata: {} }] as unknown as PoolSnapshot[],
      pass: { kind: 'install' },
      now: 't1',
    });
    expect(result.status).toEqual({
      runtimeClasses: ['kata'],
      kataNodes: { nodeCount: 0, readyNodeCount: 0 },
      conditions: [
        { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: 't1' },
      ],
      waitingForMcoToStart: false,
    });
    expect(result.outcome).toBe('mcoDone');
  });

  it('drops negative or non-numeric counts from the previous status', () => {
    const result = deriveKataConfigStatus({
      previous: {
        kataNodes: { nodeCount: -3, readyNodeCount: Number.NaN, installed: ['a', 7] },
      } as unknown as KataConfigStatus,
      nodes: [],
      pools: [],
      pass: { kind: 'uninstall', blockingPods: { runtimeClassName: 'kata' } },
      now: 't1',
    });
    expect(result.status.kataNodes).toEqual({ nodeCount: 0, readyNodeCount: 0, installed: ['a'] });
  });
});
