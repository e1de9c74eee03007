/**
 * One node's side of sandboxed containers: whether it carries the kata pool's role label, whether
 * NFD marks it eligible, which KataConfig node lists name it, and where it is in its pool's
 * rollout (osc-operator.md §2.3, §2.5; mco-rollout.md §2.7, §6).
 */
import type { Node } from '../k8s/types';
import { nodeRolloutPhase, type NodeRolloutPhase } from '../mco/nodePhase';
import { poolTargetConfig } from '../mco/poolCounts';
import { poolName, poolsForNode } from '../mco/poolMembership';
import type { MachineConfigNode, MachineConfigPool } from '../mco/types';
import { kataNodesOf } from './accessors';
import { NFD_KATA_ELIGIBILITY_LABEL, NFD_KATA_ELIGIBILITY_VALUE } from './constants';
import { isConvergedCluster, kataNodeRoleLabel, kataPoolName } from './statusDerivation';
import { KATA_NODE_LISTS, type KataConfig, type KataNodeListName } from './types';

export type KataEligibility =
  /** NFD labelled the node able to run kata. */
  | 'eligible'
  /** The KataConfig checks eligibility and the node lacks the NFD label: it is left out. */
  | 'notEligible'
  /** Eligibility is not checked; the node has no NFD label (which is then fine). */
  | 'notChecked';

export interface NodeKataState {
  node: string;
  /** The role label the kata pool selects (`node-role.kubernetes.io/kata-oc`, or master). */
  roleLabel: string;
  hasRoleLabel: boolean;
  /** The kata pool's name: `kata-oc`, or `master` on a converged cluster. */
  kataPool: string;
  eligibility: KataEligibility;
  /** The KataConfig node lists that name this node (e.g. `installed`, `failedToInstall`). */
  lists: KataNodeListName[];
  /** The pool that updates the node, if any. */
  pool?: string;
  /** The node's phase in that pool's rollout. */
  rollout?: NodeRolloutPhase;
}

export const nodeKataState = (
  node: Node,
  kataConfig: KataConfig | null | undefined,
  pools: readonly MachineConfigPool[],
  machineConfigNode?: MachineConfigNode,
): NodeKataState => {
  const name = node.metadata?.name ?? '';
  const labels = node.metadata?.labels ?? {};
  const converged = isConvergedCluster(pools);
  const roleLabel = kataNodeRoleLabel(converged);
  const nfdEligible = labels[NFD_KATA_ELIGIBILITY_LABEL] === NFD_KATA_ELIGIBILITY_VALUE;
  const eligibility: KataEligibility = nfdEligible
    ? 'eligible'
    : kataConfig?.spec?.checkNodeEligibility
      ? 'notEligible'
      : 'notChecked';
  const kataNodes = kataConfig ? kataNodesOf(kataConfig) : undefined;
  const lists = kataNodes ? KATA_NODE_LISTS.filter((list) => kataNodes[list].includes(name)) : [];
  const primary = poolsForNode(node, pools).primary;
  return {
    node: name,
    roleLabel,
    hasRoleLabel: roleLabel in labels,
    kataPool: kataPoolName(converged),
    eligibility,
    lists,
    ...(primary
      ? {
          pool: poolName(primary),
          rollout: nodeRolloutPhase(node, poolTargetConfig(primary), machineConfigNode),
        }
      : {}),
  };
};
