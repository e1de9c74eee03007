import type { KataConfig } from '../kataconfig/types';
import type { MachineConfigPool } from '../mco/types';
import { uninstallImpact } from './kataPodsUninstallImpact';

const pool = (
  name: string,
  machineCount: number,
  maxUnavailable?: number | string,
): MachineConfigPool => ({
  metadata: { name },
  spec: maxUnavailable === undefined ? {} : { maxUnavailable },
  status: { machineCount },
});

const kataConfig: KataConfig = {
  metadata: { name: 'example' },
  status: {
    runtimeClasses: ['kata'],
    kataNodes: { nodeCount: 3, readyNodeCount: 2, installed: ['w2', 'w1'], installing: ['w3'] },
  },
};

describe('uninstallImpact', () => {
  it('lists status and labelled nodes once, the RuntimeClasses, pools and rounds', () => {
    const impact = uninstallImpact(
      kataConfig,
      ['w1', 'w4'],
      [pool('master', 3), pool('worker', 0), pool('kata-oc', 4)],
    );
    expect(impact).toEqual({
      nodeNames: ['w1', 'w2', 'w3', 'w4'],
      runtimeClassNames: ['kata'],
      rolloutPoolName: 'worker',
      removedPoolName: 'kata-oc',
      maxUnavailable: { ok: true, value: 1 },
      rounds: 4,
    });
  });

  it('reads the rollout pool maxUnavailable, a percentage of its size after the nodes return', () => {
    const impact = uninstallImpact(
      kataConfig,
      [],
      [pool('master', 3), pool('worker', 7, '50%'), pool('kata-oc', 3)],
    );
    // (7 + 3) * 50% = 5 at once: one round for three nodes.
    expect(impact.maxUnavailable).toEqual({ ok: true, value: 5 });
    expect(impact.rounds).toBe(1);
  });

  it('uses the master pool on a converged cluster and has no pool to remove', () => {
    const impact = uninstallImpact(kataConfig, [], [pool('master', 3, 1), pool('worker', 0)]);
    expect(impact.rolloutPoolName).toBe('master');
    expect(impact.removedPoolName).toBeUndefined();
    expect(impact.rounds).toBe(3);
  });

  it('has no rounds when maxUnavailable is unusable, and copes with no data', () => {
    expect(
      uninstallImpact(
        kataConfig,
        [],
        [pool('master', 3), pool('worker', 1, 'two'), pool('kata-oc', 3)],
      ).rounds,
    ).toBeNull();
    expect(uninstallImpact(null, [], [])).toEqual(
      expect.objectContaining({ nodeNames: [], runtimeClassNames: ['kata'], rounds: 0 }),
    );
  });
});
