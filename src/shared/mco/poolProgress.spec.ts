import { at, condition, NEW, OLD, testNode, testPool } from './mcoTestObjects';
import { poolProgress } from './poolProgress';

describe('poolProgress', () => {
  it('paused: Updated=False and Updating=False with the MCO message', () => {
    const pool = testPool(
      'worker',
      { paused: true },
      {
        conditions: [
          condition('Updated', 'False'),
          condition(
            'Updating',
            'False',
            'T1',
            `Pool is paused; will not update to MachineConfig ${NEW}`,
          ),
        ],
        machineCount: 2,
        updatedMachineCount: 1,
      },
    );
    expect(poolProgress(pool)).toMatchObject({
      state: 'paused',
      paused: true,
      message: `Pool is paused; will not update to MachineConfig ${NEW}`,
      since: 'T1',
      percent: 50,
    });
  });

  it('pending: both conditions False on a pool that is not paused', () => {
    const pool = testPool(
      'worker',
      {},
      { conditions: [condition('Updated', 'False'), condition('Updating', 'False')] },
    );
    expect(poolProgress(pool).state).toBe('pending');
  });

  it('degraded wins over updating; RenderDegraded carries its message', () => {
    const pool = testPool(
      'worker',
      {},
      {
        conditions: [
          condition(
            'RenderDegraded',
            'True',
            'T2',
            'Failed to render configuration for pool worker: no MachineConfigs found',
          ),
          condition('Updating', 'True'),
        ],
      },
    );
    const p = poolProgress(pool);
    expect(p.state).toBe('degraded');
    expect(p.message).toMatch(/^Failed to render/);
  });

  it('computes counts from nodes when the pool has no status', () => {
    const pool = testPool('worker', { maxUnavailable: '50%' });
    const nodes = [
      testNode({ name: 'a', annotations: at.done() }),
      testNode({ name: 'b', annotations: at.drainRequested(), unschedulable: true }),
      testNode({ name: 'c', annotations: at.done(OLD) }),
    ];
    expect(poolProgress(pool, nodes)).toMatchObject({
      countsSource: 'nodes',
      counts: { machineCount: 3, updatedMachineCount: 1, unavailableMachineCount: 1 },
      percent: 33,
      state: 'updating',
      maxUnavailable: { ok: true, value: 1 },
    });
    expect(poolProgress(pool, [nodes[0]!]).state).toBe('updated');
  });

  it('rounds the percent down so 100 only means every node', () => {
    const pool = testPool('worker', {}, { machineCount: 200, updatedMachineCount: 199 });
    expect(poolProgress(pool).percent).toBe(99);
  });

  it('is unknown without status or nodes, and flags a stale status', () => {
    expect(poolProgress(testPool('worker'))).toMatchObject({
      state: 'unknown',
      countsSource: 'none',
      percent: 0,
    });
    const stale = {
      ...testPool('worker', {}, { observedGeneration: 1, machineCount: 1 }),
      metadata: { name: 'worker', generation: 2 },
    };
    expect(poolProgress(stale).statusStale).toBe(true);
  });

  it('reports an unusable maxUnavailable instead of guessing', () => {
    const pool = testPool('worker', { maxUnavailable: 'lots' }, { machineCount: 3 });
    const resolved = poolProgress(pool).maxUnavailable;
    expect(resolved.ok).toBe(false);
    expect(resolved.ok ? undefined : resolved.error).toEqual({
      id: 'notIntegerOrPercentage',
      params: { value: 'lots' },
    });
  });
});
