import type { Node } from '../k8s/types';
import {
  at,
  condition,
  NEW,
  OLD,
  testMCN,
  testNode,
  testPool,
  type TestNodeOptions,
} from './mcoTestObjects';
import {
  deriveRolloutView,
  durationParts,
  rowsInPhase,
  timeInPhaseMs,
  type RolloutInput,
} from './rolloutView';

const T0 = '2025-01-01T10:00:00Z';
const T1 = '2025-01-01T10:01:00Z';
const T6 = '2025-01-01T10:06:00Z';

const worker = testPool('worker');

/** A worker node with a resourceVersion, as the API returns it. */
const node = (name: string, annotations: TestNodeOptions['annotations'], rv = '1') => {
  const n = testNode({ name, annotations });
  return { ...n, metadata: { ...n.metadata, resourceVersion: rv, uid: `uid-${name}` } } as Node;
};

const input = (nodes: Node[], extra: Partial<RolloutInput> = {}): RolloutInput => ({
  pool: worker,
  pools: [worker],
  nodes,
  now: T0,
  ...extra,
});

describe('deriveRolloutView', () => {
  it('gives a row per node, most urgent first, with counts per phase', () => {
    const { model } = deriveRolloutView(
      input([
        node('w-done', at.done()),
        node('w-queued', at.done(OLD)),
        node('w-degraded', at.degraded('failed to drain node: w-degraded after 1 hour')),
        node('w-applying', at.drained()),
      ]),
    );
    expect(model.rows.map((r) => [r.node, r.phase])).toEqual([
      ['w-degraded', 'degraded'],
      ['w-applying', 'applying'],
      ['w-queued', 'queued'],
      ['w-done', 'done'],
    ]);
    expect(model.rows[0]).toMatchObject({
      reason: 'failed to drain node: w-degraded after 1 hour',
      desiredConfig: NEW,
      currentConfig: OLD,
      uid: 'uid-w-degraded',
    });
    expect(model.phaseCounts).toEqual({
      queued: 1,
      cordoned: 0,
      draining: 0,
      applying: 1,
      rebooting: 0,
      done: 1,
      degraded: 1,
      unknown: 0,
    });
    expect(model.pool).toMatchObject({ name: 'worker', countsSource: 'nodes', percent: 25 });
    expect(model.eta).toEqual({
      kind: 'unknown',
      reason: { id: 'nodeDegraded', params: { degraded: 1 } },
    });
  });

  it('leaves out nodes whose primary pool is another one, and names refused nodes', () => {
    const kata = testPool('kata-oc');
    const infra = testPool('infra');
    const kataNode = testNode({
      name: 'w-kata',
      labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/kata-oc': '' },
      annotations: at.done(),
    });
    const twoCustom = testNode({
      name: 'w-two',
      labels: {
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/kata-oc': '',
        'node-role.kubernetes.io/infra': '',
      },
    });
    const { model } = deriveRolloutView(
      input([node('w-1', at.done()), kataNode, twoCustom], { pools: [worker, kata, infra] }),
    );
    expect(model.rows.map((r) => r.node)).toEqual(['w-1']);
    expect(model.refusedNodes).toEqual(['w-two']);
    const kataView = deriveRolloutView(input([kataNode], { pool: kata, pools: [worker, kata] }));
    expect(kataView.model.rows.map((r) => r.node)).toEqual(['w-kata']);
  });

  it('counts its nodes when the pool list holds another copy of the pool (two watches)', () => {
    const { model } = deriveRolloutView(
      input([node('w-1', at.done())], { pools: [testPool('worker'), testPool('master')] }),
    );
    expect(model.rows.map((r) => r.node)).toEqual(['w-1']);
  });

  it('reads MachineConfigNodes when given, dated by their condition times', () => {
    const n = testNode({ name: 'node-a', annotations: at.drainRequested(), unschedulable: true });
    const mcn = testMCN([condition('Cordoned', 'True', T0), condition('Drained', 'Unknown', T1)]);
    const { model } = deriveRolloutView(input([n], { machineConfigNodes: [mcn] }));
    expect(model.rows[0]).toMatchObject({
      phase: 'draining',
      since: T1,
      source: 'MachineConfigNode',
    });
    expect(model.fromMachineConfigNodes).toBe(1);
  });

  it('reuses unchanged rows and the sorted array; rederives a node whose version moved', () => {
    const a = node('w-a', at.done(OLD));
    const b = node('w-b', at.done(OLD));
    const first = deriveRolloutView(input([a, b]));
    const same = deriveRolloutView(input([{ ...a }, { ...b }], { now: T1 }), first.memory);
    expect(same.model.rows).toBe(first.model.rows);

    const b2 = node('w-b', at.working(), '2');
    const next = deriveRolloutView(input([a, b2], { now: T1 }), same.memory);
    expect(next.model.rows).not.toBe(first.model.rows);
    expect(next.model.rows.find((r) => r.node === 'w-a')).toBe(first.model.rows[0]);
    expect(next.model.rows[0]).toMatchObject({ node: 'w-b', phase: 'applying' });
  });

  it('never reuses a row of an object without a resourceVersion', () => {
    const bare = testNode({ name: 'w-a', annotations: at.done(OLD) });
    const first = deriveRolloutView(input([bare]));
    const second = deriveRolloutView(input([bare]), first.memory);
    expect(second.model.rows[0]).not.toBe(first.model.rows[0]);
  });

  it('times a phase the data does not date from when the view saw it change', () => {
    const first = deriveRolloutView(input([node('w-a', at.working())]));
    // First seen already applying: how long it has been there is unknown.
    expect(first.model.rows[0]?.observedSince).toBeUndefined();
    const later = deriveRolloutView(
      input([node('w-a', { ...at.working(), postConfigAction: 'Rebooting' }, '2')], { now: T1 }),
      first.memory,
    );
    expect(later.model.rows[0]).toMatchObject({ phase: 'rebooting', observedSince: T1 });
    expect(timeInPhaseMs(later.model.rows[0]!, Date.parse(T6))).toBe(5 * 60_000);
  });

  it('estimates the rest from nodes seen to finish, and starts over on a new target', () => {
    let derived = deriveRolloutView(
      input([node('w-a', at.working()), node('w-b', at.done(OLD))], { now: T0 }),
    );
    expect(derived.model.eta).toEqual({
      kind: 'unknown',
      reason: { id: 'noNodeFinishedYet', params: {} },
    });
    derived = deriveRolloutView(
      input([node('w-a', at.done(), '2'), node('w-b', at.targeted(), '2')], { now: T6 }),
      derived.memory,
    );
    expect(derived.model.eta).toMatchObject({ kind: 'estimate', remainingMs: 6 * 60_000 });

    const newTarget = testPool('worker', { configuration: { name: 'rendered-worker-next' } });
    const reset = deriveRolloutView(
      input([node('w-a', at.done(), '2')], { pool: newTarget, pools: [newTarget], now: T6 }),
      derived.memory,
    );
    expect(reset.memory.timings.size).toBe(0);
    expect(reset.model.rows[0]?.phase).toBe('queued');
  });

  it('passes on the pool state with the MCO messages', () => {
    const paused = testPool(
      'worker',
      { paused: true },
      {
        machineCount: 2,
        updatedMachineCount: 1,
        conditions: [
          condition('Updated', 'False'),
          condition(
            'Updating',
            'False',
            T0,
            `Pool is paused; will not update to MachineConfig ${NEW}`,
          ),
        ],
      },
    );
    const { model } = deriveRolloutView(
      input([node('w-a', at.done()), node('w-b', at.done(OLD))], { pool: paused, pools: [paused] }),
    );
    expect(model.pool).toMatchObject({
      state: 'paused',
      message: `Pool is paused; will not update to MachineConfig ${NEW}`,
      countsSource: 'status',
      percent: 50,
    });
    expect(model.eta).toEqual({
      kind: 'unknown',
      reason: { id: 'pausedWithQueuedNodes', params: { queued: 1 } },
    });
  });

  it('handles 5,000 nodes, and an update of a few re-derives only those', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) =>
      node(`w-${String(i).padStart(4, '0')}`, i % 3 === 0 ? at.done() : at.done(OLD)),
    );
    const first = deriveRolloutView(input(nodes));
    expect(first.model.rows).toHaveLength(5000);
    expect(first.model.phaseCounts.done).toBe(1667);

    const updated = nodes.map((n, i) => (i < 10 ? node(n.metadata!.name!, at.working(), '2') : n));
    const next = deriveRolloutView(input(updated, { now: T1 }), first.memory);
    expect(next.model.phaseCounts.applying).toBe(10);
    // Timings are the benchmark's job (integration-tests/bench/rolloutView.tsx).
    const reused = next.model.rows.filter((r) => first.model.rows.includes(r)).length;
    expect(reused).toBe(4990);
  });
});

describe('rowsInPhase, timeInPhaseMs and durationParts', () => {
  const { model } = deriveRolloutView(input([node('w-a', at.done()), node('w-b', at.done(OLD))]));

  it('filters by phase and returns the same array for all', () => {
    expect(rowsInPhase(model.rows, 'all')).toBe(model.rows);
    expect(rowsInPhase(model.rows, 'queued').map((r) => r.node)).toEqual(['w-b']);
  });

  it('has no time in phase when nothing dates it', () => {
    expect(timeInPhaseMs(model.rows[0]!, Date.parse(T6))).toBeUndefined();
  });

  it('splits durations into days, hours, minutes and seconds', () => {
    expect(durationParts(((26 * 60 + 3) * 60 + 4) * 1000 + 999)).toEqual({
      days: 1,
      hours: 2,
      minutes: 3,
      seconds: 4,
    });
    expect(durationParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});
