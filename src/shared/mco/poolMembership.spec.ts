import { at, OLD, testNode, testPool } from './mcoTestObjects';
import { computePoolCounts, isPoolFullyUpdated, poolCountsFromStatus } from './poolCounts';
import { nodesByPrimaryPool, nodesOfPool, poolsForNode } from './poolMembership';

const master = testPool('master');
const worker = testPool('worker');
const kata = testPool('kata-oc');
const infra = testPool('infra');
const pools = [master, worker, kata, infra];

const role = (...roles: string[]) =>
  Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, '']));

describe('poolsForNode: primary pool rules', () => {
  it('a worker in a custom pool belongs to the custom pool first, worker second', () => {
    const node = testNode({ labels: role('worker', 'kata-oc') });
    expect(poolsForNode(node, pools)).toEqual({ primary: kata, matching: [kata, worker] });
  });

  it('master wins over worker and over a custom pool', () => {
    expect(poolsForNode(testNode({ labels: role('master', 'worker') }), pools).primary).toBe(
      master,
    );
    expect(poolsForNode(testNode({ labels: role('master', 'kata-oc') }), pools).primary).toBe(
      master,
    );
  });

  it('two custom pools is an error and no primary', () => {
    const result = poolsForNode(testNode({ labels: role('worker', 'kata-oc', 'infra') }), pools);
    expect(result.primary).toBeUndefined();
    expect(result.error).toEqual({
      id: 'multipleCustomPools',
      params: { node: 'node-a', pools: ['kata-oc', 'infra'] },
    });
  });

  it('Windows nodes and unlabelled nodes have no pool', () => {
    const windows = testNode({ labels: { ...role('worker'), 'kubernetes.io/os': 'windows' } });
    expect(poolsForNode(windows, pools).primary).toBeUndefined();
    expect(poolsForNode(testNode({ labels: {} }), pools).primary).toBeUndefined();
  });

  it('a pool with an empty or missing nodeSelector selects nothing', () => {
    const all = testPool('everything', { nodeSelector: {} });
    const none = testPool('nothing', { nodeSelector: null });
    expect(
      poolsForNode(testNode({ labels: role('worker') }), [worker, all, none]).matching,
    ).toEqual([worker]);
  });

  it('groups nodes by primary pool: custom-pool nodes are not counted in worker', () => {
    const nodes = [
      testNode({ name: 'w1', labels: role('worker') }),
      testNode({ name: 'k1', labels: role('worker', 'kata-oc') }),
      testNode({ name: 'm1', labels: role('master', 'worker') }),
    ];
    const groups = nodesByPrimaryPool(nodes, pools);
    expect(groups.get('worker')?.map((n) => n.metadata?.name)).toEqual(['w1']);
    expect(groups.get('kata-oc')?.map((n) => n.metadata?.name)).toEqual(['k1']);
    expect(groups.get('infra')).toEqual([]);
    expect(nodesOfPool(master, nodes, pools).map((n) => n.metadata?.name)).toEqual(['m1']);
  });
});

describe('computePoolCounts', () => {
  it('counts an empty pool as zero everywhere', () => {
    const counts = computePoolCounts(worker, []);
    expect(Object.values(counts)).toEqual([0, 0, 0, 0, 0]);
    expect(isPoolFullyUpdated(counts)).toBe(true);
  });

  it('an updated but cordoned node is updated, not ready, and unavailable', () => {
    const counts = computePoolCounts(worker, [
      testNode({ annotations: at.done(), unschedulable: true }),
    ]);
    expect(counts).toMatchObject({
      updatedMachineCount: 1,
      readyMachineCount: 0,
      unavailableMachineCount: 1,
    });
  });

  it('a targeted node is unavailable before it is cordoned', () => {
    const counts = computePoolCounts(worker, [testNode({ annotations: at.targeted() })]);
    expect(counts).toMatchObject({ updatedMachineCount: 0, unavailableMachineCount: 1 });
  });

  it('a degraded, schedulable node is degraded but not unavailable', () => {
    const counts = computePoolCounts(worker, [testNode({ annotations: at.degraded('boom') })]);
    expect(counts).toMatchObject({ degradedMachineCount: 1, unavailableMachineCount: 0 });
  });

  it('a node queued on the old config is available and not updated', () => {
    const counts = computePoolCounts(worker, [testNode({ annotations: at.done(OLD) })]);
    expect(counts).toMatchObject({
      machineCount: 1,
      updatedMachineCount: 0,
      unavailableMachineCount: 0,
    });
  });

  it('image annotations must match when present', () => {
    const node = testNode({
      annotations: {
        ...at.done(),
        desiredImage: 'registry.example/a',
        currentImage: 'registry.example/b',
      },
    });
    expect(computePoolCounts(worker, [node]).updatedMachineCount).toBe(0);
  });

  it('a pool without a target counts nobody as updated', () => {
    const noTarget = testPool('worker', { configuration: undefined });
    expect(
      computePoolCounts(noTarget, [testNode({ annotations: at.done() })]).updatedMachineCount,
    ).toBe(0);
  });
});

describe('poolCountsFromStatus', () => {
  it('is undefined without a usable machineCount and tolerates garbage counts', () => {
    expect(poolCountsFromStatus(worker)).toBeUndefined();
    const odd = testPool('worker', {}, { machineCount: 3, updatedMachineCount: -1 });
    expect(poolCountsFromStatus(odd)).toMatchObject({ machineCount: 3, updatedMachineCount: 0 });
  });
});
