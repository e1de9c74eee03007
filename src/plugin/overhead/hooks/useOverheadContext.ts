import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KindModel } from '../../../shared/k8s/model';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import {
  LimitRangeModel,
  NodeModel,
  PodModel,
  ResourceQuotaModel,
} from '../../../shared/k8s/models';
import type { LimitRange, Node, Pod, ResourceQuota } from '../../../shared/k8s/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';

/** A list the review reads; when it cannot be read the review goes on without it. */
export interface ContextList<T> {
  items: T[];
  loaded: boolean;
  error: unknown;
}

export interface OverheadContext {
  kataConfigs: ContextList<KataConfig>;
  nodes: ContextList<Node>;
  pods: ContextList<Pod>;
  resourceQuotas: ContextList<ResourceQuota>;
  limitRanges: ContextList<LimitRange>;
}

const useList = <T extends K8sResourceCommon>(model: KindModel): ContextList<T> => {
  const watch: [T[], boolean, unknown] = useK8sWatchResource<T[]>({
    groupVersionKind: groupVersionKindOf(model),
    isList: true,
  });
  const [items, loaded, error] = watch;
  return { items: Array.isArray(items) ? items : [], loaded, error };
};

/**
 * What an overhead change is reviewed against, live: which classes KataConfigs list, the nodes
 * (their allocatable), the pods (which keep the old overhead), and quotas and limit ranges.
 */
export const useOverheadContext = (): OverheadContext => ({
  kataConfigs: useList<KataConfig>(KataConfigModel),
  nodes: useList<Node>(NodeModel),
  pods: useList<Pod>(PodModel),
  resourceQuotas: useList<ResourceQuota>(ResourceQuotaModel),
  limitRanges: useList<LimitRange>(LimitRangeModel),
});

/** Every list answered, with data or an error: the review is as complete as it can be. */
export const contextSettled = (context: OverheadContext): boolean =>
  Object.values(context).every((list: ContextList<unknown>) => list.loaded || Boolean(list.error));
