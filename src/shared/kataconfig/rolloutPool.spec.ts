import { rolloutPoolFor } from './rolloutPool';
import type { PoolSnapshot } from './statusDerivation';

const pool = (name: string, machineCount: number): PoolSnapshot => ({
  metadata: { name },
  status: { machineCount },
});

describe('rolloutPoolFor', () => {
  const standard = [pool('master', 3), pool('worker', 3), pool('kata-oc', 2)];

  it('follows kata-oc while the KataConfig is installing or installed', () => {
    expect(rolloutPoolFor({ metadata: { name: 'k' } }, standard)?.metadata?.name).toBe('kata-oc');
  });

  it('follows worker once deletion was requested, where the nodes go back to', () => {
    const deleting = { metadata: { name: 'k', deletionTimestamp: '2026-11-25T10:00:00Z' } };
    expect(rolloutPoolFor(deleting, standard)?.metadata?.name).toBe('worker');
  });

  it('follows master on a converged cluster (two pools, no worker machines)', () => {
    const compact = [pool('master', 3), pool('worker', 0)];
    expect(rolloutPoolFor({ metadata: { name: 'k' } }, compact)?.metadata?.name).toBe('master');
  });

  it('is null before the kata pool exists', () => {
    expect(
      rolloutPoolFor({ metadata: { name: 'k' } }, [pool('master', 3), pool('worker', 3)]),
    ).toBeNull();
  });
});
