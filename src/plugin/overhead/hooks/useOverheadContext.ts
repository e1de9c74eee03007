import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KindModel } from '../../../shared/k8s/model';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { LimitRangeModel, NodeModel, ResourceQuotaModel } from '../../../shared/k8s/models';
import type { LimitRange, Node, ResourceQuota, RuntimeClass } from '../../../shared/k8s/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { BlockingPod } from '../../../shared/workloads';
import { kataRuntimeClassReason } from '../../../shared/workloads';
import { useKataPods } from '../../common/useKataPods';

/** A list the review reads; when it cannot be read the review goes on without it. */
export interface ContextList<T> {
  items: T[];
  loaded: boolean;
  error: unknown;
}

export interface OverheadContext {
  kataConfigs: ContextList<KataConfig>;
  nodes: ContextList<Node>;
  /**
   * The pods of this RuntimeClass, from the paged pod scan. `skippedNamespaces`: namespaces
   * whose pods the user may not list (only when listing pods cluster-wide is forbidden).
   */
  pods: ContextList<BlockingPod> & { skippedNamespaces: string[] };
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
 * What an overhead change to `runtimeClass` is reviewed against, live: which classes
 * KataConfigs list, the nodes (their allocatable), the pods of this class (which keep the old
 * overhead), and quotas and limit ranges.
 *
 * Pods are never watched cluster-wide: a paged scan keeps only this class's pods, so a cluster
 * of 100,000 pods costs the browser one page at a time. ResourceQuotas and LimitRanges stay one
 * cluster-wide watch each: there are at most a few per namespace and they are small, while
 * watching them per namespace that runs kata pods would open two watches per such namespace
 * and could only start after the scan.
 */
export const useOverheadContext = (runtimeClass: RuntimeClass | undefined): OverheadContext => {
  const kataConfigs = useList<KataConfig>(KataConfigModel);
  // The scan is only worth running for a kata class (the tab shows no review otherwise).
  const isKata = kataRuntimeClassReason(runtimeClass, kataConfigs.items) !== 'notKata';
  const name = runtimeClass?.metadata?.name ?? '';
  const scanning = isKata && name !== '';
  const scan = useKataPods([name], scanning);
  return {
    kataConfigs,
    nodes: useList<Node>(NodeModel),
    pods: {
      items: scanning ? scan.pods : [],
      // Sticky across rescans: a spinner then would throw away what the user typed.
      loaded: !scanning || scan.loaded,
      error: scan.phase === 'error' ? scan.error : null,
      skippedNamespaces: scan.skippedNamespaces,
    },
    resourceQuotas: useList<ResourceQuota>(ResourceQuotaModel),
    limitRanges: useList<LimitRange>(LimitRangeModel),
  };
};

/** Every list answered, with data or an error: the review is as complete as it can be. */
export const contextSettled = (context: OverheadContext): boolean =>
  Object.values(context).every((list: ContextList<unknown>) => list.loaded || Boolean(list.error));
