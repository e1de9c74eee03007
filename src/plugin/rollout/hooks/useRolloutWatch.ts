import type { K8sModel, Selector } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModel, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel } from '../../../shared/k8s/models';
import type { LabelSelector, Node } from '../../../shared/k8s/types';
import { MachineConfigNodeModel, MachineConfigPoolModel } from '../../../shared/mco/models';
import type { MachineConfigNode, MachineConfigPool } from '../../../shared/mco/types';

/**
 * The SDK types the load error as `any`, and the data as present although a watch of `null` (or
 * one still loading) has none.
 */
type WatchResult<T> = [T | undefined, boolean, unknown];

export interface RolloutWatch {
  pool: MachineConfigPool | undefined;
  poolLoaded: boolean;
  poolError: unknown;
  /** Every pool, for primary-pool membership; empty when they cannot be listed. */
  pools: MachineConfigPool[];
  /** Nodes the pool's nodeSelector matches (the server filters them). */
  nodes: Node[];
  nodesLoaded: boolean;
  nodesError: unknown;
  /** Empty when the API does not serve MachineConfigNodes or they cannot be listed. */
  machineConfigNodes: MachineConfigNode[];
  /** The API serves MachineConfigNodes (4.19+): rows prefer them over node annotations. */
  machineConfigNodesServed: boolean;
  machineConfigNodesError: unknown;
}

/**
 * The MCO's selectors use Kubernetes' LabelSelector, which the SDK's `Selector` mirrors. A null
 * or empty selector selects no node in the MCO, so no watch is made for it.
 */
const nodeSelectorOf = (pool: MachineConfigPool | undefined): Selector | undefined => {
  const selector: LabelSelector | null | undefined = pool?.spec?.nodeSelector;
  if (!selector) return undefined;
  const hasLabels = Object.keys(selector.matchLabels ?? {}).length > 0;
  const hasExpressions = (selector.matchExpressions ?? []).length > 0;
  if (!hasLabels && !hasExpressions) return undefined;
  return {
    ...(hasLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
    ...(hasExpressions
      ? {
          matchExpressions: (selector.matchExpressions ?? []).map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values ? { values: [...e.values] } : {}),
          })),
        }
      : {}),
  };
};

/**
 * Everything the rollout of one pool is read from, all live: the pool itself (a single-object
 * watch), the list of pools (a handful; decides which pool a node counts in), the nodes its
 * nodeSelector matches (a label-selector watch), and MachineConfigNodes when served.
 */
export const useRolloutWatch = (poolName: string): RolloutWatch => {
  const poolWatch: WatchResult<MachineConfigPool> = useK8sWatchResource<MachineConfigPool>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    name: poolName,
  });
  const [pool, poolLoaded, poolError] = poolWatch;

  const poolsWatch: WatchResult<MachineConfigPool[]> = useK8sWatchResource<MachineConfigPool[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    isList: true,
  });

  const selector = nodeSelectorOf(pool);
  const nodesWatch: WatchResult<Node[]> = useK8sWatchResource<Node[]>(
    selector ? { groupVersionKind: groupVersionKindOf(NodeModel), isList: true, selector } : null,
  );

  // The SDK types the model as always found; it is undefined when the API does not serve the kind.
  const mcnLookup: [K8sModel | undefined, boolean] = useK8sModel(
    groupVersionKindOf(MachineConfigNodeModel),
  );
  const [mcnModel] = mcnLookup;
  const served = Boolean(mcnModel);
  const mcnWatch: WatchResult<MachineConfigNode[]> = useK8sWatchResource<MachineConfigNode[]>(
    served ? { groupVersionKind: groupVersionKindOf(MachineConfigNodeModel), isList: true } : null,
  );

  const [nodes, nodesLoaded, nodesError] = nodesWatch;
  const [pools, , poolsError] = poolsWatch;
  const [machineConfigNodes, , machineConfigNodesError] = mcnWatch;
  return {
    pool: poolLoaded && !poolError ? pool : undefined,
    poolLoaded,
    poolError,
    pools: poolsError ? [] : (pools ?? []),
    nodes: selector ? (nodes ?? []) : [],
    // A pool that selects no node has nothing to wait for.
    nodesLoaded: selector ? nodesLoaded : poolLoaded,
    nodesError: selector ? nodesError : undefined,
    machineConfigNodes: served && !machineConfigNodesError ? (machineConfigNodes ?? []) : [],
    machineConfigNodesServed: served,
    machineConfigNodesError: served ? machineConfigNodesError : undefined,
  };
};
