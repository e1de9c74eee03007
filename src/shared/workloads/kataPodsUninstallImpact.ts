/**
 * What uninstalling a KataConfig does to the cluster, for the wizard's first step: which nodes
 * lose the kata role (each is drained and rebooted), which RuntimeClasses go away, and how many
 * drain-and-reboot rounds the pool needs given its maxUnavailable.
 */
import { kataNodesOf } from '../kataconfig/accessors';
import {
  findPool,
  isConvergedCluster,
  kataPoolName,
  uninstallPoolName,
} from '../kataconfig/statusDerivation';
import type { KataConfig } from '../kataconfig/types';
import { KATA_NODE_LISTS } from '../kataconfig/types';
import type { MaxUnavailable } from '../mco/maxUnavailable';
import { resolveMaxUnavailable } from '../mco/maxUnavailable';
import type { MachineConfigPool } from '../mco/types';
import { kataRuntimeClassNames } from './kataPods';

export interface UninstallImpact {
  /** Nodes the KataConfig status lists or that carry the kata role label, sorted. */
  nodeNames: string[];
  runtimeClassNames: string[];
  /** The pool that rolls the nodes back (`worker`, or `master` on a converged cluster). */
  rolloutPoolName: string;
  /** The pool the operator deletes at the end (`kata-oc`); undefined on a converged cluster. */
  removedPoolName?: string;
  /** How many nodes the rollout pool updates at once. */
  maxUnavailable: MaxUnavailable;
  /** Drain-and-reboot rounds: nodes divided by maxUnavailable, rounded up; null if unknown. */
  rounds: number | null;
}

export const uninstallImpact = (
  kataConfig: KataConfig | null | undefined,
  labelledNodeNames: readonly string[],
  pools: readonly MachineConfigPool[],
): UninstallImpact => {
  const converged = isConvergedCluster(pools);
  const kataNodes = kataNodesOf(kataConfig);
  const nodeNames = [
    ...new Set([...KATA_NODE_LISTS.flatMap((list) => kataNodes[list]), ...labelledNodeNames]),
  ]
    .filter((name) => name !== '')
    .sort((a, b) => a.localeCompare(b));
  const rolloutPoolName = uninstallPoolName(converged);
  const rolloutPool = findPool(pools, rolloutPoolName) as MachineConfigPool | undefined;
  // The nodes join the rollout pool, so a percentage applies to its size after they return.
  const poolSize = (rolloutPool?.status?.machineCount ?? 0) + (converged ? 0 : nodeNames.length);
  const maxUnavailable = resolveMaxUnavailable(
    rolloutPool?.spec?.maxUnavailable,
    poolSize,
    rolloutPoolName,
  );
  return {
    nodeNames,
    runtimeClassNames: kataRuntimeClassNames(kataConfig),
    rolloutPoolName,
    ...(converged ? {} : { removedPoolName: kataPoolName(converged) }),
    maxUnavailable,
    rounds: maxUnavailable.ok ? Math.ceil(nodeNames.length / maxUnavailable.value) : null,
  };
};
