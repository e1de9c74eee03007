import { at, NEW, OLD, testNode, testPool } from '../mco/mcoTestObjects';
import { nodeKataState } from './nodeKataState';
import type { KataConfig } from './types';

const kataLabels = {
  'node-role.kubernetes.io/worker': '',
  'node-role.kubernetes.io/kata-oc': '',
  'feature.node.kubernetes.io/runtime.kata': 'true',
};
const worker = testPool('worker', {}, { machineCount: 2 });
const kata = testPool('kata-oc', { configuration: { name: 'rendered-kata-oc-1' } });
const master = testPool('master');

const kataConfig = (checkNodeEligibility: boolean): KataConfig => ({
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: 'example-kataconfig' },
  spec: { checkNodeEligibility },
  status: { kataNodes: { nodeCount: 2, readyNodeCount: 1, installing: ['w-1'], installed: [] } },
});

describe('nodeKataState', () => {
  it('a labelled, eligible node being installed: its lists and its phase in kata-oc', () => {
    const node = testNode({
      name: 'w-1',
      labels: kataLabels,
      annotations: { ...at.working(), desiredConfig: 'rendered-kata-oc-1' },
    });
    expect(nodeKataState(node, kataConfig(true), [worker, kata, master])).toMatchObject({
      node: 'w-1',
      roleLabel: 'node-role.kubernetes.io/kata-oc',
      hasRoleLabel: true,
      kataPool: 'kata-oc',
      eligibility: 'eligible',
      lists: ['installing'],
      pool: 'kata-oc',
      rollout: { phase: 'applying', desiredConfig: 'rendered-kata-oc-1', currentConfig: OLD },
    });
  });

  it('a plain worker: no role label, not eligible when eligibility is checked, worker pool', () => {
    const node = testNode({ name: 'w-2', annotations: at.done() });
    const state = nodeKataState(node, kataConfig(true), [worker, kata, master]);
    expect(state).toMatchObject({
      hasRoleLabel: false,
      eligibility: 'notEligible',
      lists: [],
      pool: 'worker',
      rollout: { phase: 'done', currentConfig: NEW },
    });
    expect(nodeKataState(node, kataConfig(false), [worker]).eligibility).toBe('notChecked');
    expect(nodeKataState(node, undefined, [worker]).lists).toEqual([]);
  });

  it('on a converged cluster the kata pool is master', () => {
    const emptyWorker = testPool('worker', {}, { machineCount: 0 });
    const node = testNode({
      name: 'm-1',
      labels: { 'node-role.kubernetes.io/master': '' },
      annotations: at.done(),
    });
    expect(nodeKataState(node, null, [emptyWorker, master])).toMatchObject({
      roleLabel: 'node-role.kubernetes.io/master',
      hasRoleLabel: true,
      kataPool: 'master',
      pool: 'master',
    });
  });

  it('a node in no pool has no rollout', () => {
    const node = testNode({ name: 'x', labels: {} });
    const state = nodeKataState(node, null, [worker]);
    expect(state.pool).toBeUndefined();
    expect(state.rollout).toBeUndefined();
  });
});
