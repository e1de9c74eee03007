import { useAccessReview, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel } from '../../../shared/k8s/models';
import type { Node } from '../../../shared/k8s/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import type { MachineConfigPool } from '../../../shared/mco/types';

/** The SDK types the load error as `any`; nothing is known about it until it is inspected. */
type WatchResult<T> = [T, boolean, unknown];

export interface CreatePageData {
  /** Existing KataConfigs: there may be only one per cluster. */
  existing: KataConfig[];
  existingLoaded: boolean;
  nodes: Node[];
  nodesLoaded: boolean;
  /** Why nodes could not be listed: the preview then says so instead of counting zero. */
  nodesError: unknown;
  pools: MachineConfigPool[];
  poolsLoaded: boolean;
  canCreate: boolean;
  canCreateLoading: boolean;
}

/** Everything the create form previews from, all live. */
export const useCreatePageData = (): CreatePageData => {
  const kataConfigsWatch: WatchResult<KataConfig[]> = useK8sWatchResource<KataConfig[]>({
    groupVersionKind: groupVersionKindOf(KataConfigModel),
    isList: true,
  });
  const nodesWatch: WatchResult<Node[]> = useK8sWatchResource<Node[]>({
    groupVersionKind: groupVersionKindOf(NodeModel),
    isList: true,
  });
  const poolsWatch: WatchResult<MachineConfigPool[]> = useK8sWatchResource<MachineConfigPool[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    isList: true,
  });
  const [existing, existingLoaded] = kataConfigsWatch;
  const [nodes, nodesLoaded, nodesError] = nodesWatch;
  const [pools, poolsLoaded, poolsError] = poolsWatch;
  const [canCreate, canCreateLoading] = useAccessReview({
    group: KataConfigModel.apiGroup,
    resource: KataConfigModel.plural,
    verb: 'create',
  });
  return {
    existing,
    existingLoaded,
    nodes,
    nodesLoaded: nodesLoaded || Boolean(nodesError),
    nodesError,
    pools,
    // Without pools the impact assumes a new kata pool, which is what a fresh cluster has.
    poolsLoaded: poolsLoaded || Boolean(poolsError),
    canCreate,
    canCreateLoading,
  };
};
