import type { Node } from '../k8s/types';
import type { MachineConfigPool } from '../mco/types';
import { estimateRolloutImpact, previewNodeSelection } from './impact';
import type { KataConfig } from './types';

const node = (name: string, labels: Record<string, string>): Node => ({
  metadata: { name, labels },
});
const WORKER = { 'node-role.kubernetes.io/worker': '' };
const NFD = { 'feature.node.kubernetes.io/runtime.kata': 'true' };

const nodes: Node[] = [
  node('master-0', { 'node-role.kubernetes.io/master': '' }),
  node('worker-b', { ...WORKER, zone: 'b', ...NFD }),
  node('worker-a', { ...WORKER, zone: 'a' }),
  node('worker-c', { ...WORKER, zone: 'c', ...NFD, gpu: '' }),
];

const kataConfig: KataConfig = { metadata: { name: 'example-kataconfig' } };
const pool = (name: string, spec: MachineConfigPool['spec'], machineCount: number) =>
  ({ metadata: { name }, spec, status: { machineCount } }) as MachineConfigPool;
const standardPools = [pool('master', {}, 3), pool('worker', {}, 3)];

describe('previewNodeSelection', () => {
  it('selects every worker, sorted, when there is no selector', () => {
    expect(previewNodeSelection(nodes, null, false)).toEqual({
      workerCount: 3,
      selectedBySelector: ['worker-a', 'worker-b', 'worker-c'],
      eligibleWorkerCount: 2,
      targetNodes: ['worker-a', 'worker-b', 'worker-c'],
      selectorErrors: [],
    });
  });

  it('applies matchLabels and matchExpressions to workers only', () => {
    const preview = previewNodeSelection(
      nodes,
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'c'] }] },
      false,
    );
    expect(preview.targetNodes).toEqual(['worker-a', 'worker-c']);
    expect(
      previewNodeSelection(nodes, { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, false)
        .targetNodes,
    ).toEqual(['worker-c']);
    expect(previewNodeSelection(nodes, { matchLabels: { zone: 'b' } }, false).targetNodes).toEqual([
      'worker-b',
    ]);
  });

  it('narrows to NFD-eligible nodes when checking eligibility', () => {
    const preview = previewNodeSelection(nodes, null, true);
    expect(preview.targetNodes).toEqual(['worker-b', 'worker-c']);
    expect(preview.selectedBySelector).toHaveLength(3);
  });

  it('picks nothing and says why for an invalid selector', () => {
    const preview = previewNodeSelection(
      nodes,
      { matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] },
      false,
    );
    expect(preview.targetNodes).toEqual([]);
    expect(preview.selectorErrors[0]?.code).toBe('valuesRequired');
  });
});

describe('estimateRolloutImpact', () => {
  it('rolls a new kata-oc pool one node at a time, duration unknown without observations', () => {
    expect(estimateRolloutImpact(kataConfig, ['w1', 'w2', 'w3'], standardPools)).toEqual({
      poolName: 'kata-oc',
      poolExists: false,
      nodes: ['w1', 'w2', 'w3'],
      atATime: 1,
      maxUnavailableError: null,
      rounds: 3,
      duration: { kind: 'unknown', reason: 'noObservations' },
    });
  });

  it("uses an existing pool's maxUnavailable and observed node durations", () => {
    const pools = [...standardPools, pool('kata-oc', { maxUnavailable: '50%' }, 4)];
    const impact = estimateRolloutImpact(
      kataConfig,
      ['a', 'b', 'c', 'd'],
      pools,
      [60_000, 120_000],
    );
    expect(impact.poolExists).toBe(true);
    expect(impact.atATime).toBe(2);
    expect(impact.rounds).toBe(2);
    expect(impact.duration).toEqual({
      kind: 'estimate',
      totalMs: 180_000,
      perNodeMs: 90_000,
      samples: 2,
    });
  });

  it('rolls pool master on a converged cluster', () => {
    const converged = [pool('master', { maxUnavailable: 1 }, 3), pool('worker', {}, 0)];
    expect(estimateRolloutImpact(kataConfig, ['m1'], converged).poolName).toBe('master');
  });

  it('says why the duration is unknown', () => {
    expect(estimateRolloutImpact(kataConfig, [], standardPools).duration).toEqual({
      kind: 'unknown',
      reason: 'noNodes',
    });
    const bad = [...standardPools, pool('kata-oc', { maxUnavailable: 'two' }, 2)];
    const impact = estimateRolloutImpact(kataConfig, ['a'], bad, [1000]);
    expect(impact.atATime).toBeNull();
    expect(impact.rounds).toBeNull();
    expect(impact.maxUnavailableError).toEqual({
      id: 'notIntegerOrPercentage',
      params: { value: 'two' },
    });
    expect(impact.duration).toEqual({ kind: 'unknown', reason: 'maxUnavailableInvalid' });
  });
});
