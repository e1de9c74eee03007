import type { KataConfig } from './types';
import type { PoolSnapshot } from './statusDerivation';
import { findPool, isConvergedCluster, kataPoolName, uninstallPoolName } from './statusDerivation';

/**
 * The MachineConfigPool whose rollout a KataConfig is waiting on: the kata pool while
 * installing or installed, and the pool nodes return to once deletion was requested.
 * Null when that pool does not exist (yet, or any more).
 */
export const rolloutPoolFor = <P extends PoolSnapshot>(
  kataConfig: KataConfig | null | undefined,
  pools: readonly P[],
): P | null => {
  const converged = isConvergedCluster(pools);
  const name = kataConfig?.metadata?.deletionTimestamp
    ? uninstallPoolName(converged)
    : kataPoolName(converged);
  return (findPool(pools, name) as P | undefined) ?? null;
};
